// The one error type services throw; the dispatcher turns it into `{ ok: false, error }`.
// Anything else thrown is a bug and becomes INTERNAL (logged, never shown with a stack trace).
import type { ApiError, ErrorCode } from '../../../shared/api/contract';

export class ServiceError extends Error implements ApiError {
  override name = 'ServiceError';
  constructor(
    public code: ErrorCode,
    message: string,
    public field?: string,
    public details?: unknown,
  ) {
    super(message);
  }

  toApiError(): ApiError {
    const e: ApiError = { code: this.code, message: this.message };
    if (this.field !== undefined) e.field = this.field;
    if (this.details !== undefined) e.details = this.details;
    return e;
  }
}

export const notFound = (what: string, field?: string) => new ServiceError('NOT_FOUND', `${what} does not exist`, field);
