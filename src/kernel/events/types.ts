/** Typed events, queued on the Ctx during a transaction and published only after it commits. */
export type DocEventName = 'after_insert' | 'on_update' | 'on_submit' | 'on_cancel' | 'on_trash';

export interface DocEvent {
  type: 'doc';
  event: DocEventName;
  doctype: string;
  name: string;
  user: string;
}

export type DocketEvent = DocEvent;
