import { DataError } from '../../kernel/errors/errors';

/** Page size when `limit` is not given (Frappe's default page length). */
export const DEFAULT_LIMIT = 20;

const PREFIX = 'offset:';

/** The opaque cursor of the item at `offset` (0-based) in a list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) {
    throw new DataError(`Invalid cursor ${JSON.stringify(cursor)}: pass the end_cursor of a previous page`);
  }
  return offset;
}

export interface PageArgs {
  limit?: number | null;
  offset?: number | null;
  after?: string | null;
}

/** The rows a list query asks for: `after` (a cursor) or `offset`, and `limit` capped at `maxLimit`. */
export function pageWindow(args: PageArgs, maxLimit: number): { start: number; limit: number } {
  if (args.after != null && args.offset != null) throw new DataError('Pass either offset or after, not both');
  const start = args.after != null ? decodeCursor(args.after) + 1 : (args.offset ?? 0);
  if (start < 0) throw new DataError('offset must be 0 or more');
  const limit = args.limit ?? DEFAULT_LIMIT;
  if (limit < 1) throw new DataError('limit must be 1 or more');
  return { start, limit: Math.min(limit, maxLimit) };
}
