/** What the document lifecycle emits, as `doc.<event>`. */
export type DocEventName = 'after_insert' | 'on_update' | 'on_submit' | 'on_cancel' | 'on_trash';

export interface DocEventPayload {
  doctype: string;
  name: string;
  /** who made the change */
  user: string;
}

/**
 * Every event's name and payload (JSON data: it is stored in the outbox). The map is open:
 * a module declares its own events by declaration merging, and `ctx.emit` and
 * `EventHandlers.on` are typed by it:
 *
 *     declare module '../../kernel/events/types' {
 *       interface DocketEvents {
 *         'stock.moved': { item_code: string; warehouse: string; voucher_no: string };
 *       }
 *     }
 */
export interface DocketEvents {
  'doc.after_insert': DocEventPayload;
  'doc.on_update': DocEventPayload;
  'doc.on_submit': DocEventPayload;
  'doc.on_cancel': DocEventPayload;
  'doc.on_trash': DocEventPayload;
}

export type EventName = Extract<keyof DocketEvents, string>;

/** An event as `ctx.emit` queues it, until its transaction commits. */
export type EmittedEvent = { [N in EventName]: { name: N; payload: DocketEvents[N] } }[EventName];

/**
 * An event as handlers receive it, after its transaction committed. `id` (its outbox row)
 * stays the same if the event is delivered again: delivery is at least once, so an effect
 * that must not repeat dedupes on it.
 */
export type DeliveredEvent<N extends EventName = EventName> = {
  [K in N]: { id: string; name: K; payload: DocketEvents[K]; emitted: string };
}[N];
