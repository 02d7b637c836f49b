/** Typed errors; the REST filter renders them in Frappe's shape, GraphQL as extensions. */
export class DocketError extends Error {
  readonly excType: string = 'ValidationError';
  readonly httpStatus: number = 417;
  /** extra headers for the response (e.g. Retry-After) */
  headers?: Record<string, string>;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function kind(excType: string, httpStatus: number) {
  return class extends DocketError {
    override readonly excType = excType;
    override readonly httpStatus = httpStatus;
  };
}

export class ValidationError extends kind('ValidationError', 417) {}
export class MandatoryError extends kind('MandatoryError', 417) {}
export class LinkValidationError extends kind('LinkValidationError', 417) {}
export class LinkExistsError extends kind('LinkExistsError', 417) {}
export class TimestampMismatchError extends kind('TimestampMismatchError', 417) {}
export class DocstatusTransitionError extends kind('DocstatusTransitionError', 417) {}
export class UpdateAfterSubmitError extends kind('UpdateAfterSubmitError', 417) {}
export class DataError extends kind('DataError', 417) {}
export class UniqueValidationError extends kind('UniqueValidationError', 417) {}
export class DoesNotExistError extends kind('DoesNotExistError', 404) {}
export class PermissionError extends kind('PermissionError', 403) {}
export class AuthenticationError extends kind('AuthenticationError', 401) {}
export class InvalidAuthorizationToken extends kind('InvalidAuthorizationToken', 400) {}
export class CSRFTokenError extends kind('CSRFTokenError', 400) {}
export class DuplicateEntryError extends kind('DuplicateEntryError', 409) {}
export class IdempotencyConflictError extends kind('IdempotencyConflictError', 409) {}
export class IdempotencyMismatchError extends kind('IdempotencyMismatchError', 422) {}
export class TooManyRequestsError extends kind('TooManyRequestsError', 429) {}
export class QueryDeadlockError extends kind('QueryDeadlockError', 508) {}
/** A statement stopped at its time budget (Frappe's name): the answer was too costly to compute now. */
export class QueryTimeoutError extends kind('QueryTimeoutError', 503) {}
