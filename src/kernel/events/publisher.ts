import { Injectable } from '@nestjs/common';
import { DocketEvent } from './types';

export type EventSink = (events: DocketEvent[]) => void;

/**
 * Hands committed events to whoever delivers them (the job queue). The Database calls
 * `publish` only after a transaction commits, so a rolled-back write never emits.
 */
@Injectable()
export class EventPublisher {
  private readonly sinks: EventSink[] = [];

  subscribe(sink: EventSink): void {
    this.sinks.push(sink);
  }

  publish(events: DocketEvent[]): void {
    if (!events.length) return;
    for (const sink of this.sinks) sink(events);
  }
}
