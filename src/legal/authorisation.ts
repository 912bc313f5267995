/**
 * The rules of the legal framework, pure: whether a camera may be analysed at an instant, for which
 * event types, under which authorisation, and when that answer changes next. A camera is analysed
 * only while an authorisation in force names it and no kill switch (global, of the camera, of that
 * authorisation) is engaged; several authorisations may cover one camera: the union of the event
 * types of those in force. Time is an argument: tests replay it.
 */
import { EVENT_TYPES, type EventType } from '../core/types.ts';
import type { Authorisation, AuthorisationState, KillScope, KillSwitch, RefusalReason } from './types.ts';

export type ProcessingState =
  | {
      readonly ok: true;
      /** The authorisation in force that ends last (the one shown); `inForce` lists them all. */
      readonly authorisation: Authorisation;
      readonly inForce: readonly Authorisation[];
      /** Union of the event types of the authorisations in force, in catalogue order. */
      readonly events: readonly EventType[];
    }
  | {
      readonly ok: false;
      readonly reason: RefusalReason;
      /** In words (English, for logs and the API); the console words it from `reason` and the fields below. */
      readonly detail: string;
      /** The authorisation the reason is about (the one expired, revoked, not started yet, or killed). */
      readonly authorisation?: Authorisation;
      readonly killSwitch?: KillSwitch;
      /** When it starts (not_started) or when it ended (expired, revoked). */
      readonly atMs?: number;
    };

const iso = (ms: number): string => new Date(ms).toISOString();
const named = (a: Authorisation): string => `authorisation ${a.reference} (${a.authority})`;

/** Where one authorisation stands at `nowMs`: a revocation wins over the window. */
export function authorisationState(a: Authorisation, nowMs: number): AuthorisationState {
  if (a.revokedAtMs !== undefined && a.revokedAtMs <= nowMs) return 'revoked';
  if (nowMs < a.startMs) return 'not_started';
  return nowMs < a.endMs ? 'in_force' : 'expired';
}

/** Engaged at `nowMs` (engaged before, not released yet). */
export function isEngaged(k: KillSwitch, nowMs: number): boolean {
  return k.engagedAtMs <= nowMs && (k.releasedAtMs === undefined || k.releasedAtMs > nowMs);
}

export function engagedSwitch(kills: readonly KillSwitch[], scope: KillScope, targetId: string | undefined, nowMs: number): KillSwitch | undefined {
  return kills.find((k) => k.scope === scope && (scope === 'global' || k.targetId === targetId) && isEngaged(k, nowMs));
}

const killedDetail = (k: KillSwitch): string =>
  `kill switch ${k.scope === 'global' ? '(global)' : `of ${k.scope} ${k.targetId ?? ''}`} engaged by ${k.engagedBy} at ${iso(k.engagedAtMs)}: ${k.engagedWhy}`;

/** The one that ends last, then the first reference: a stable choice among several in force. */
const endsLast = (a: Authorisation, b: Authorisation): number => b.endMs - a.endMs || a.reference.localeCompare(b.reference) || a.id.localeCompare(b.id);

/** The authorisations covering the camera that are in force and not stopped by their kill switch. */
function usable(cameraId: string, auths: readonly Authorisation[], kills: readonly KillSwitch[], nowMs: number): Authorisation[] {
  return auths
    .filter((a) => a.cameraIds.includes(cameraId) && authorisationState(a, nowMs) === 'in_force' && !engagedSwitch(kills, 'authorisation', a.id, nowMs))
    .sort(endsLast);
}

/** When an authorisation stopped applying: its revocation or its end, whichever came first. */
const endedAt = (a: Authorisation): number => Math.min(a.endMs, a.revokedAtMs ?? Number.POSITIVE_INFINITY);

export function processingState(cameraId: string, auths: readonly Authorisation[], kills: readonly KillSwitch[], nowMs: number): ProcessingState {
  const kill = engagedSwitch(kills, 'global', undefined, nowMs) ?? engagedSwitch(kills, 'camera', cameraId, nowMs);
  if (kill) return { ok: false, reason: 'killed', detail: killedDetail(kill), killSwitch: kill };
  const covering = auths.filter((a) => a.cameraIds.includes(cameraId));
  if (covering.length === 0) return { ok: false, reason: 'no_authorisation', detail: `no authorisation names camera ${cameraId}` };
  const inForce = usable(cameraId, covering, kills, nowMs);
  const first = inForce[0];
  if (first) {
    const listed = new Set(inForce.flatMap((a) => a.events));
    return { ok: true, authorisation: first, inForce, events: EVENT_TYPES.filter((e) => listed.has(e)) };
  }
  const killed = covering.filter((a) => authorisationState(a, nowMs) === 'in_force').sort(endsLast)[0];
  const authKill = killed && engagedSwitch(kills, 'authorisation', killed.id, nowMs);
  if (killed && authKill) return { ok: false, reason: 'killed', detail: `${named(killed)}: ${killedDetail(authKill)}`, authorisation: killed, killSwitch: authKill };
  const next = covering.filter((a) => authorisationState(a, nowMs) === 'not_started').sort((a, b) => a.startMs - b.startMs)[0];
  if (next) return { ok: false, reason: 'not_started', detail: `${named(next)} starts at ${iso(next.startMs)}`, authorisation: next, atMs: next.startMs };
  const last = [...covering].sort((a, b) => endedAt(b) - endedAt(a))[0]!;
  const state = authorisationState(last, nowMs) === 'revoked' ? 'revoked' : 'expired';
  const detail = state === 'revoked' ? `${named(last)} was revoked at ${iso(endedAt(last))} by ${last.revokedBy ?? '?'}: ${last.revokedWhy ?? ''}` : `${named(last)} expired at ${iso(last.endMs)}`;
  return { ok: false, reason: state, detail, authorisation: last, atMs: endedAt(last) };
}

/** The camera's enabled event types that are authorised now (none when it may not be analysed). */
export function eventsAllowed(camera: { readonly id: string; readonly events: readonly EventType[] }, auths: readonly Authorisation[], kills: readonly KillSwitch[], nowMs: number): EventType[] {
  const state = processingState(camera.id, auths, kills, nowMs);
  return state.ok ? camera.events.filter((e) => state.events.includes(e)) : [];
}

/** The authorisation an alert of this type on this camera is raised under now (in force, listing the type). */
export function authorisationFor(cameraId: string, event: EventType, auths: readonly Authorisation[], kills: readonly KillSwitch[], nowMs: number): Authorisation | undefined {
  const kill = engagedSwitch(kills, 'global', undefined, nowMs) ?? engagedSwitch(kills, 'camera', cameraId, nowMs);
  return kill ? undefined : usable(cameraId, auths, kills, nowMs).find((a) => a.events.includes(event));
}

/**
 * The next instant after `nowMs` at which some authorisation starts, ends or is revoked (of the
 * camera when given): when the server must look again. Kill switches change only when someone acts.
 */
export function nextChangeMs(auths: readonly Authorisation[], nowMs: number, cameraId?: string): number | undefined {
  const times = auths
    .filter((a) => cameraId === undefined || a.cameraIds.includes(cameraId))
    .flatMap((a) => [a.startMs, a.endMs, a.revokedAtMs ?? Number.POSITIVE_INFINITY].filter((t) => t <= endedAt(a)))
    .filter((t) => t > nowMs && Number.isFinite(t));
  return times.length > 0 ? Math.min(...times) : undefined;
}
