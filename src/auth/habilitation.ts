/**
 * Habilitation and trainings (decree 2023-828): an agent who views alerts, their images or live
 * video must be individually habilitated by an authority (who, reference, date; it may expire or be
 * withdrawn) and trained twice (data protection; use of the tool). `viewingAllowed` is the one rule,
 * pure, with the clock passed in; the API (every alert route, its media, qualification) and the
 * WebSocket (alert pushes, live frames) both ask it.
 *
 * It applies to every role: roles say what an account may do, the habilitation whether it may view
 * at all. An auditor reads the journal and statistics without one (they show no image); an admin
 * configures without one (accounts, cameras, settings) and records their own, journaled, to watch.
 * Imports nothing from Node: the console shares these types.
 */
import type { Role } from '../store/users.ts';

export const TRAINING_KINDS = ['data_protection', 'tool_use'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const VIEWING_REASONS = ['not_habilitated', 'habilitation_withdrawn', 'habilitation_expired', 'training_missing'] as const;
export type ViewingReason = (typeof VIEWING_REASONS)[number];

export interface Withdrawal {
  readonly atMs: number;
  readonly by: string;
  readonly why: string;
}

/** The habilitation of one account, as recorded (one per account: a new grant replaces it). */
export interface Habilitation {
  readonly username: string;
  /** Who habilitated: the authority (a prefect, a mayor, the head of the service). */
  readonly authority: string;
  /** The reference of the habilitation decision. */
  readonly reference: string;
  /** Date of the decision: valid from then. */
  readonly grantedAtMs: number;
  /** No longer valid from then. */
  readonly expiresAtMs?: number;
  readonly recordedAtMs: number;
  readonly recordedBy: string;
  readonly withdrawn?: Withdrawal;
}

export interface Training {
  readonly id: number;
  readonly username: string;
  readonly kind: TrainingKind;
  /** When it was followed: it counts from then. */
  readonly atMs: number;
  /** The trainer or the training organisation. */
  readonly trainer: string;
  readonly reference?: string;
  readonly recordedAtMs: number;
  readonly recordedBy: string;
}

/** Why an account may not view, with what the console needs to say it. */
export type ViewingRefusal =
  | { readonly reason: 'not_habilitated' }
  | { readonly reason: 'habilitation_withdrawn'; readonly withdrawn: Withdrawal }
  | { readonly reason: 'habilitation_expired'; readonly expiredAtMs: number }
  | { readonly reason: 'training_missing'; readonly missing: TrainingKind[] };

export type ViewingVerdict = { readonly ok: true } | ({ readonly ok: false } & ViewingRefusal);

const sameAccount = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Whether `user` may view alerts, their images and live video at `nowMs`: habilitated (granted by
 * then, not withdrawn, not expired) and trained in each kind (a training counts from its date).
 * Records of another account never count.
 */
export function viewingAllowed(
  user: { readonly username: string; readonly role: Role },
  habilitation: Pick<Habilitation, 'username' | 'grantedAtMs' | 'expiresAtMs' | 'withdrawn'> | undefined,
  trainings: readonly Pick<Training, 'username' | 'kind' | 'atMs'>[],
  nowMs: number,
): ViewingVerdict {
  if (!habilitation || !sameAccount(habilitation.username, user.username) || habilitation.grantedAtMs > nowMs) return { ok: false, reason: 'not_habilitated' };
  if (habilitation.withdrawn) return { ok: false, reason: 'habilitation_withdrawn', withdrawn: habilitation.withdrawn };
  if (habilitation.expiresAtMs !== undefined && habilitation.expiresAtMs <= nowMs) return { ok: false, reason: 'habilitation_expired', expiredAtMs: habilitation.expiresAtMs };
  const done = new Set(trainings.filter((t) => sameAccount(t.username, user.username) && t.atMs <= nowMs).map((t) => t.kind));
  const missing = TRAINING_KINDS.filter((k) => !done.has(k));
  return missing.length > 0 ? { ok: false, reason: 'training_missing', missing } : { ok: true };
}

/** The refusal in one English line, for API error messages and logs (the console words it itself). */
export function refusalText(r: ViewingRefusal): string {
  switch (r.reason) {
    case 'not_habilitated':
      return 'not habilitated';
    case 'habilitation_withdrawn':
      return `habilitation withdrawn on ${new Date(r.withdrawn.atMs).toISOString()} by ${r.withdrawn.by}: ${r.withdrawn.why}`;
    case 'habilitation_expired':
      return `habilitation expired on ${new Date(r.expiredAtMs).toISOString()}`;
    case 'training_missing':
      return `training missing: ${r.missing.join(', ')}`;
  }
}
