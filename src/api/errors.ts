/**
 * The API's one error type and its mapping to HTTP, in one place. Bad input is always a 4xx with
 * a clear message (and every validation issue with its path); only our own faults are a 500.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { VigieError, errorMessage } from '../core/errors.ts';
import type { ViewingReason, ViewingRefusal } from '../auth/habilitation.ts';

export const API_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'MISDIRECTED_REQUEST',
  'TOO_MANY_REQUESTS',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const HTTP_STATUS: Readonly<Record<ApiErrorCode, ContentfulStatusCode>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MISDIRECTED_REQUEST: 421,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
};

/** What an alert already qualified is now (a refused second qualification), for clients to word it. */
export interface DecidedInfo {
  readonly status: string;
  readonly by: string;
  readonly atMs?: number;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues?: readonly string[];
  readonly decided?: DecidedInfo;
  /** Why viewing alerts and images is refused (FORBIDDEN): sent as `reason` and `habilitation`. */
  readonly refusal?: ViewingRefusal;
  /** Sent as the Retry-After header (TOO_MANY_REQUESTS). */
  readonly retryAfterSeconds?: number;
  constructor(code: ApiErrorCode, message: string, options?: { issues?: readonly string[]; cause?: unknown; retryAfterSeconds?: number; decided?: DecidedInfo; refusal?: ViewingRefusal }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'ApiError';
    this.code = code;
    if (options?.issues) this.issues = options.issues;
    if (options?.decided) this.decided = options.decided;
    if (options?.refusal) this.refusal = options.refusal;
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export interface ErrorBody {
  readonly error: {
    readonly code: ApiErrorCode;
    readonly message: string;
    readonly issues?: readonly string[];
    readonly decided?: DecidedInfo;
    readonly reason?: ViewingReason;
    readonly habilitation?: ViewingRefusal;
  };
}

/** Project errors that are the caller's fault (a bad source, a bad config) are 400s; the rest are ours. */
function fromVigieError(err: VigieError): ApiError {
  const callerFault = err.code === 'USAGE' || err.code === 'CONFIG_INVALID' || err.code === 'SOURCE_INVALID';
  return new ApiError(callerFault ? 'BAD_REQUEST' : 'INTERNAL', err.message, { cause: err });
}

function fromHttpException(err: HTTPException): ApiError {
  const code = API_ERROR_CODES.find((c) => HTTP_STATUS[c] === err.status) ?? (err.status < 500 ? 'BAD_REQUEST' : 'INTERNAL');
  return new ApiError(code, err.message || `HTTP ${err.status}`, { cause: err });
}

/** Any thrown value as an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof VigieError) return fromVigieError(err);
  if (err instanceof HTTPException) return fromHttpException(err);
  return new ApiError('INTERNAL', `internal error: ${errorMessage(err)}`, { cause: err });
}

/** The HTTP status, headers and JSON body of an error. */
export function errorResponse(err: unknown): { status: ContentfulStatusCode; headers: Record<string, string>; body: ErrorBody; error: ApiError } {
  const e = toApiError(err);
  const body: ErrorBody = {
    error: {
      code: e.code,
      message: e.message,
      ...(e.issues ? { issues: e.issues } : {}),
      ...(e.decided ? { decided: e.decided } : {}),
      ...(e.refusal ? { reason: e.refusal.reason, habilitation: e.refusal } : {}),
    },
  };
  const headers: Record<string, string> = e.retryAfterSeconds !== undefined ? { 'Retry-After': String(e.retryAfterSeconds) } : {};
  return { status: HTTP_STATUS[e.code], headers, body, error: e };
}

export const notFound = (what: string): ApiError => new ApiError('NOT_FOUND', `${what} not found`);
