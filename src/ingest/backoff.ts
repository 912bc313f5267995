/** Exponential backoff between reconnection attempts: 1 s, 2 s, 4 s... capped. */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2 };

/** Delay before attempt `attempt` (1 = first retry). */
export function backoffDelayMs(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(opts.maxMs, opts.initialMs * opts.factor ** exponent);
}
