import { Injectable } from '@nestjs/common';
import type { DocketEvent } from '../kernel/events/types';

export type EventName = DocketEvent['event'];
/** The events that can carry the name N, narrowed to it. */
export type EventOf<N extends EventName> = DocketEvent extends infer E ? (E extends { event: infer K } ? (N extends K ? E & { event: N } : never) : never) : never;
export type EventHandler<E extends DocketEvent = DocketEvent> = (event: E) => Promise<void> | void;

/**
 * Subscribers to committed events, run as the 'doc-event' job (off the request, retried on
 * failure, at least once: handlers must be idempotent). Register in `onModuleInit`:
 * `handlers.on('on_submit', (e) => e.doctype === 'Sales Order' ? ... : undefined)`.
 */
@Injectable()
export class EventHandlers {
  private readonly byName = new Map<EventName | '*', EventHandler[]>();

  on(name: '*', handler: EventHandler): void;
  on<N extends EventName>(name: N, handler: EventHandler<EventOf<N>>): void;
  on(name: EventName | '*', handler: EventHandler<never>): void {
    const list = this.byName.get(name) ?? [];
    list.push(handler as EventHandler);
    this.byName.set(name, list);
  }

  /** Runs every handler for the event (its own, then '*'); throws if any of them failed. */
  async dispatch(event: DocketEvent): Promise<void> {
    const handlers = [...(this.byName.get(event.event) ?? []), ...(this.byName.get('*') ?? [])];
    const errors: unknown[] = [];
    for (const handler of handlers) {
      try {
        await handler(event);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length) throw new AggregateError(errors, `${errors.length} handlers of ${event.event} ${event.doctype} ${event.name} failed`);
  }
}
