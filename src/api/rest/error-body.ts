import { HttpException } from '@nestjs/common';
import { DocketError } from '../../kernel/errors/errors';

export interface FrappeErrorBody {
  exc_type: string;
  exception: string;
  _server_messages: string;
  exc?: string;
}

/** Frappe's v1 error envelope: exc_type, exception, and _server_messages as a JSON string of JSON strings. */
export function frappeErrorBody(excType: string, message: string, stack?: string): FrappeErrorBody {
  const msg = JSON.stringify({ message, title: 'Message', indicator: 'red', raise_exception: 1 });
  return {
    exc_type: excType,
    exception: `frappe.exceptions.${excType}: ${message}`,
    _server_messages: JSON.stringify([msg]),
    ...(stack ? { exc: JSON.stringify([stack]) } : {}),
  };
}

const HTTP_EXC: Record<number, string> = {
  400: 'ValidationError',
  401: 'AuthenticationError',
  403: 'PermissionError',
  404: 'DoesNotExistError',
  405: 'PermissionError',
  409: 'DuplicateEntryError',
  413: 'ValidationError',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequestsError',
};

export interface RenderedError {
  status: number;
  body: FrappeErrorBody;
  headers: Record<string, string>;
  /** unexpected: log it */
  internal: boolean;
}

/** Any thrown value as Frappe's status + body. Stack traces only in development. */
export function renderError(err: unknown, development: boolean): RenderedError {
  const stack = development && err instanceof Error ? err.stack : undefined;
  if (err instanceof DocketError) {
    return { status: err.httpStatus, body: frappeErrorBody(err.excType, err.message, stack), headers: err.headers ?? {}, internal: false };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const message = typeof res === 'string' ? res : ((res as { message?: string | string[] }).message ?? err.message);
    const headers: Record<string, string> = {};
    return {
      status,
      body: frappeErrorBody(HTTP_EXC[status] ?? 'Exception', Array.isArray(message) ? message.join('; ') : String(message), stack),
      headers,
      internal: status >= 500,
    };
  }
  const e = err as { message?: string; statusCode?: unknown };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own client errors (a malformed URL, a path segment too long, a bad body)
    const body = frappeErrorBody(HTTP_EXC[e.statusCode] ?? 'ValidationError', e.message ?? 'Bad request', stack);
    return { status: e.statusCode, body, headers: {}, internal: false };
  }
  const message = development && e?.message ? e.message : 'Internal server error';
  return { status: 500, body: frappeErrorBody('Exception', message, stack), headers: {}, internal: true };
}
