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
