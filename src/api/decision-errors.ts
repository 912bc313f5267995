/** A refused decision as the API error the operator reads: what the alert is now, who decided and when. */
import type { DecisionResult } from '../store/decisions.ts';
import { ApiError, notFound } from './errors.ts';

type Refusal = Exclude<DecisionResult, { kind: 'decided' }>;

export function decisionError(id: string, r: Refusal): ApiError {
  if (r.kind === 'not_found') return notFound(`alert "${id}"`);
  if (r.kind === 'not_qualified') return new ApiError('CONFLICT', `alert "${id}" is not qualified yet: qualify it, there is nothing to correct`);
  // The latest decision says who put the alert in its current status (a correction, maybe).
  const by = r.last?.by ?? r.alert.qualifiedBy ?? 'an unknown account';
  const atMs = r.last?.atMs ?? r.alert.qualifiedAtMs;
  const when = atMs !== undefined ? new Date(atMs).toISOString() : 'an unknown time';
  return new ApiError(
    'CONFLICT',
    `alert "${id}" is already qualified: ${r.alert.status} by ${by} at ${when}; only a supervisor can correct it (POST /api/alerts/${id}/correct, with a note)`,
    { decided: { status: r.alert.status, by, ...(atMs !== undefined ? { atMs } : {}) } },
  );
}
