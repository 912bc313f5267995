/**
 * The legal framework as the console shows it, pure: the authorisation form's draft and its checks,
 * the event types authorised for a camera id (the camera editor's hint), why a camera is not
 * analysed in words, and the browser's datetime-local fields to and from epoch milliseconds.
 */
import type { EventType } from '../../../src/core/types.ts';
import type { AuthorisationView, CameraLegalState, KillSwitch } from '../../../src/legal/types.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import type { Translate } from '../i18n/translator.ts';
import type { Formatters } from '../i18n/format.ts';
import { EVENT_TYPES, eventLabel } from './labels.ts';

export type { AuthorisationView, CameraLegalState, KillSwitch };
export type { LegalState } from '../../../src/legal/types.ts';

export interface AuthorisationDraft {
  readonly reference: string;
  readonly authority: string;
  readonly perimeter: string;
  /** Camera ids as typed: separated by commas, spaces or new lines. */
  readonly cameras: string;
  readonly events: readonly EventType[];
  /** datetime-local values (local time, `2025-06-01T08:00`). */
  readonly start: string;
  readonly end: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A datetime-local value for `ms`, in local time, to the minute. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The epoch ms of a datetime-local value (local time); undefined when empty or malformed. */
export function fromLocalInput(value: string): number | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function parseCameraIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

export function emptyDraft(nowMs: number, cameraIds: readonly string[] = []): AuthorisationDraft {
  return { reference: '', authority: '', perimeter: '', cameras: cameraIds.join(', '), events: [], start: localInput(nowMs), end: '' };
}

export function draftFrom(a: AuthorisationView): AuthorisationDraft {
  return { reference: a.reference, authority: a.authority, perimeter: a.perimeter, cameras: a.cameraIds.join(', '), events: a.events, start: localInput(a.startMs), end: localInput(a.endMs) };
}

export interface AuthorisationBody {
  readonly reference: string;
  readonly authority: string;
  readonly perimeter: string;
  readonly cameraIds: string[];
  readonly events: EventType[];
  readonly startMs: number;
  readonly endMs: number;
}

const CAMERA_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The body to send, or every problem in words (checked again by the server). */
export function checkDraft(d: AuthorisationDraft, t: Translate): { ok: true; body: AuthorisationBody } | { ok: false; issues: string[] } {
  const issues: string[] = [];
  const cameraIds = parseCameraIds(d.cameras);
  const startMs = fromLocalInput(d.start);
  const endMs = fromLocalInput(d.end);
  if (!d.reference.trim()) issues.push(t('legal.needReference'));
  if (!d.authority.trim()) issues.push(t('legal.needAuthority'));
  if (cameraIds.length === 0) issues.push(t('legal.needCamera'));
  for (const id of cameraIds.filter((c) => !CAMERA_ID.test(c))) issues.push(t('legal.badCamera', { id }));
  if (d.events.length === 0) issues.push(t('legal.needEvent'));
  if (startMs === undefined || endMs === undefined) issues.push(t('legal.needWindow'));
  else if (endMs <= startMs) issues.push(t('legal.endBeforeStart'));
  if (issues.length > 0 || startMs === undefined || endMs === undefined) return { ok: false, issues };
  const events = EVENT_TYPES.filter((e) => d.events.includes(e));
  return { ok: true, body: { reference: d.reference.trim(), authority: d.authority.trim(), perimeter: d.perimeter.trim(), cameraIds, events, startMs, endMs } };
}

/** The event types the authorisations in force now authorise for this camera id, and their references. */
export function authorisedFor(cameraId: string, auths: readonly AuthorisationView[]): { events: EventType[]; references: string[] } {
  const inForce = auths.filter((a) => a.state === 'in_force' && a.cameraIds.includes(cameraId));
  const listed = new Set(inForce.flatMap((a) => a.events));
  return { events: EVENT_TYPES.filter((e) => listed.has(e)), references: inForce.map((a) => a.reference) };
}

/** Why the camera is not analysed, in words; undefined when it is. */
export function notAnalysedWhy(s: CameraLegalState, t: Translate, fmt: Pick<Formatters, 'dateTime'>): string | undefined {
  if (s.ok) return undefined;
  const reference = s.authorisation?.reference ?? '';
  const at = s.atMs !== undefined ? fmt.dateTime(s.atMs) : '';
  switch (s.reason) {
    case 'killed':
      return t('legal.reason_killed', { by: s.killSwitch?.engagedBy ?? '', why: s.killSwitch?.engagedWhy ?? '' });
    case 'not_started':
    case 'expired':
    case 'revoked':
      return t(`legal.reason_${s.reason}`, { reference, at });
    case 'events_not_authorised':
      return t('legal.reason_events_not_authorised');
    default:
      return t('legal.reason_no_authorisation');
  }
}

/** What a kill switch covers, in words. */
export function killScopeWords(k: KillSwitch, t: Translate, auths: readonly AuthorisationView[] = []): string {
  if (k.scope === 'global') return t('legal.killScope_global');
  const target = k.scope === 'authorisation' ? (auths.find((a) => a.id === k.targetId)?.reference ?? k.targetId ?? '') : (k.targetId ?? '');
  return t(`legal.killScope_${k.scope}`, { target });
}

export const STATE_KEYS: Readonly<Record<AuthorisationView['state'], MessageKey>> = {
  in_force: 'legal.state_in_force',
  not_started: 'legal.state_not_started',
  expired: 'legal.state_expired',
  revoked: 'legal.state_revoked',
};

export const eventList = (events: readonly string[], t: Translate): string => events.map((e) => eventLabel(e, t)).join(', ');
