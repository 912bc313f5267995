/**
 * The legal framework's records: an authorisation (arrêté préfectoral) names cameras, event types
 * and a time window; a kill switch stops analysis at once, globally, for one authorisation or for
 * one camera. Plain data; the rules over them are pure (authorisation.ts).
 */
import type { EventType } from '../core/types.ts';

export interface Authorisation {
  readonly id: string;
  /** The order's reference, e.g. "arrêté n° 2025-0142". */
  readonly reference: string;
  /** Who issued it, e.g. "Préfecture de police". */
  readonly authority: string;
  /** The perimeter in words, as written in the order. */
  readonly perimeter: string;
  readonly cameraIds: readonly string[];
  /** The event types it authorises (a subset of the eight). */
  readonly events: readonly EventType[];
  /** In force from startMs (included) to endMs (excluded). */
  readonly startMs: number;
  readonly endMs: number;
  /** Recorded by `vigie serve --demo`: no legal value, labelled "démonstration" everywhere. */
  readonly demo: boolean;
  readonly createdAtMs: number;
  readonly createdBy: string;
  readonly updatedAtMs: number;
  readonly updatedBy: string;
  /** Revoked (never deleted): when, by whom, why. */
  readonly revokedAtMs?: number;
  readonly revokedBy?: string;
  readonly revokedWhy?: string;
}

export const KILL_SCOPES = ['global', 'authorisation', 'camera'] as const;
export type KillScope = (typeof KILL_SCOPES)[number];

export interface KillSwitch {
  readonly id: string;
  readonly scope: KillScope;
  /** The authorisation id or the camera id; absent for the global switch. */
  readonly targetId?: string;
  readonly engagedAtMs: number;
  readonly engagedBy: string;
  readonly engagedWhy: string;
  /** Released (the row is kept): when, by whom, why. */
  readonly releasedAtMs?: number;
  readonly releasedBy?: string;
  readonly releasedWhy?: string;
}

/** Why a camera is not analysed. */
export const REFUSAL_REASONS = ['no_authorisation', 'not_started', 'expired', 'revoked', 'killed'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Where one authorisation stands at an instant. */
export const AUTHORISATION_STATES = ['in_force', 'not_started', 'expired', 'revoked'] as const;
export type AuthorisationState = (typeof AUTHORISATION_STATES)[number];

/** Why a camera is or is not analysed now, as GET /api/legal/state answers it. */
export interface CameraLegalState {
  readonly cameraId: string;
  readonly ok: boolean;
  /** Why not; `events_not_authorised`: an authorisation is in force but lists none of the camera's event types. */
  readonly reason?: RefusalReason | 'events_not_authorised';
  readonly detail?: string;
  /** The authorisation shown: the one in force, or the one the reason is about. */
  readonly authorisation?: Pick<Authorisation, 'id' | 'reference' | 'authority' | 'demo' | 'startMs' | 'endMs'>;
  /** References of every authorisation in force for it. */
  readonly inForce: readonly string[];
  /** The event types authorised now; absent when no authorisation is required. */
  readonly events?: readonly EventType[];
  /** When it starts (not_started) or ended (expired, revoked). */
  readonly atMs?: number;
  readonly killSwitch?: KillSwitch;
}

export interface LegalState {
  readonly required: boolean;
  readonly nowMs: number;
  readonly cameras: readonly CameraLegalState[];
  /** Engaged kill switches. */
  readonly killSwitches: readonly KillSwitch[];
  /** When an authorisation starts or ends next. */
  readonly nextChangeMs?: number;
}

export type AuthorisationView = Authorisation & { readonly state: AuthorisationState; readonly killed: boolean };
