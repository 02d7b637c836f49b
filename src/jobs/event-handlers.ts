import { Injectable } from '@nestjs/common';
import type { DeliveredEvent, EventName } from '../kernel/events/types';

export type EventHandler<N extends EventName = EventName> = (event: DeliveredEvent<N>) => Promise<void> | void;

/**
 * Subscribers to committed events, run as the outbox's job (off the request, retried on
 * failure, at least once: an effect that must not repeat dedupes on `event.id`). Register in
 * `onModuleInit`: `handlers.on('doc.on_submit', (e) => e.payload.doctype === 'Sales Order' ? ... : undefined)`.
 */
@Injectable()
export class EventHandlers {
  private readonly byName = new Map<EventName | '*', EventHandler[]>();

  on(name: '*', handler: EventHandler): void;
  on<N extends EventName>(name: N, handler: EventHandler<N>): void;
  on(name: EventName | '*', handler: EventHandler<never>): void {
    const list = this.byName.get(name) ?? [];
    list.push(handler as EventHandler);
    this.byName.set(name, list);
  }

  /** Runs every handler for the event (its own, then '*'); throws if any of them failed. */
  async dispatch(event: DeliveredEvent): Promise<void> {
    const handlers = [...(this.byName.get(event.name) ?? []), ...(this.byName.get('*') ?? [])];
    const errors: unknown[] = [];
    for (const handler of handlers) {
      try {
        await handler(event);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length) throw new AggregateError(errors, `${errors.length} handlers of ${event.name} #${event.id} failed`);
  }
}
