/** One error type for the whole project, with a stable code. Mapped to exit codes and HTTP in one place each. */
export type VigieErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'SOURCE_UNREACHABLE'
  | 'SOURCE_INVALID'
  | 'MODEL_MISSING'
  | 'MODEL_INVALID'
  | 'DETECTOR_FAILED'
  | 'STORE_FAILED'
  /** Refused by the legal framework (no authorisation in force, a kill switch). */
  | 'NOT_AUTHORISED'
  /** The message bus (NATS JetStream) cannot be reached or has no JetStream. */
  | 'BUS_UNREACHABLE'
  | 'USAGE';

export class VigieError extends Error {
  readonly code: VigieErrorCode;
  constructor(code: VigieErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VigieError';
    this.code = code;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
