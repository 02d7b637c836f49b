import type { INestApplication } from '@nestjs/common';
import { EventHandlers } from '../../src/jobs/event-handlers';
import type { DeliveredEvent, DocEventPayload } from '../../src/kernel/events/types';

export interface EventRecorder {
  /** every event delivered to the app's handlers that the filter kept, in delivery order */
  readonly events: DeliveredEvent[];
  /** resolves once `ready()` holds, checked at each delivery; rejects after `timeoutMs` */
  until(ready: () => boolean, timeoutMs?: number): Promise<void>;
}

/** Records the events delivered to an app's EventHandlers (register before init to see them all). */
export function recordEvents(app: INestApplication, keep: (e: DeliveredEvent) => boolean = () => true): EventRecorder {
  const events: DeliveredEvent[] = [];
  const waiters = new Set<() => void>();
  app.get(EventHandlers).on('*', (e) => {
    if (!keep(e)) return;
    events.push(e);
    for (const check of [...waiters]) check();
  });
  const until = (ready: () => boolean, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`events not delivered within ${timeoutMs} ms (${events.length} recorded)`));
      }, timeoutMs);
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return { events, until };
}

/** The document a `doc.*` event is about (other events, which modules declare, carry other payloads). */
export function docOf(e: DeliveredEvent): DocEventPayload | undefined {
  return e.name.startsWith('doc.') ? (e.payload as DocEventPayload) : undefined;
}
