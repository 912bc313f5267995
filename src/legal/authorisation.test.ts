import { describe, expect, it } from 'vitest';
import type { EventType } from '../core/types.ts';
import { authorisationFor, authorisationState, eventsAllowed, nextChangeMs, processingState } from './authorisation.ts';
import type { Authorisation, KillSwitch } from './types.ts';

const H = 3_600_000;
const T0 = Date.UTC(2025, 5, 1, 8);

const auth = (id: string, over: Partial<Authorisation> = {}): Authorisation => ({
  id,
  reference: `AP-${id}`,
  authority: 'Préfecture',
  perimeter: 'gare',
  cameraIds: ['cam1'],
  events: ['intrusion'],
  startMs: T0,
  endMs: T0 + 10 * H,
  demo: false,
  createdAtMs: T0 - H,
  createdBy: 'admin',
  updatedAtMs: T0 - H,
  updatedBy: 'admin',
  ...over,
});
const kill = (scope: KillSwitch['scope'], targetId?: string, over: Partial<KillSwitch> = {}): KillSwitch => ({
  id: `k-${scope}-${targetId ?? ''}`,
  scope,
  ...(targetId !== undefined ? { targetId } : {}),
  engagedAtMs: T0 + H,
  engagedBy: 'sup',
  engagedWhy: 'incident',
  ...over,
});

type Row = readonly [name: string, auths: Authorisation[], kills: KillSwitch[], atMs: number, want: { ok: true; ref: string; events: EventType[] } | { ok: false; reason: string; ref?: string }];

const rows: Row[] = [
  ['no authorisation at all', [], [], T0, { ok: false, reason: 'no_authorisation' }],
  ['an authorisation for another camera only', [auth('a', { cameraIds: ['cam2'] })], [], T0 + H, { ok: false, reason: 'no_authorisation' }],
  ['before the window opens', [auth('a')], [], T0 - 1, { ok: false, reason: 'not_started', ref: 'AP-a' }],
  ['at the first instant of the window', [auth('a')], [], T0, { ok: true, ref: 'AP-a', events: ['intrusion'] }],
  ['at the last instant of the window', [auth('a')], [], T0 + 10 * H - 1, { ok: true, ref: 'AP-a', events: ['intrusion'] }],
  ['at its end (excluded)', [auth('a')], [], T0 + 10 * H, { ok: false, reason: 'expired', ref: 'AP-a' }],
  ['revoked inside the window', [auth('a', { revokedAtMs: T0 + 2 * H, revokedBy: 'admin', revokedWhy: 'annulé' })], [], T0 + 3 * H, { ok: false, reason: 'revoked', ref: 'AP-a' }],
  ['before its revocation takes effect', [auth('a', { revokedAtMs: T0 + 2 * H })], [], T0 + H, { ok: true, ref: 'AP-a', events: ['intrusion'] }],
  [
    'two in force: the union of their events, in catalogue order, shown by the one ending last',
    [auth('a', { events: ['intrusion', 'fire'] }), auth('b', { events: ['weapon'], endMs: T0 + 20 * H })],
    [],
    T0 + H,
    { ok: true, ref: 'AP-b', events: ['weapon', 'intrusion', 'fire'] },
  ],
  ['one expired, one in force: only the one in force counts', [auth('a', { events: ['fire'], endMs: T0 + H }), auth('b', { startMs: T0 + H })], [], T0 + 2 * H, { ok: true, ref: 'AP-b', events: ['intrusion'] }],
  ['one expired, the next not started: says when it starts', [auth('a', { endMs: T0 + H }), auth('b', { startMs: T0 + 3 * H })], [], T0 + 2 * H, { ok: false, reason: 'not_started', ref: 'AP-b' }],
  ['expired then revoked: the one that stopped last is named', [auth('a', { endMs: T0 + H }), auth('b', { revokedAtMs: T0 + 2 * H })], [], T0 + 3 * H, { ok: false, reason: 'revoked', ref: 'AP-b' }],
  ['the global kill switch', [auth('a')], [kill('global')], T0 + 2 * H, { ok: false, reason: 'killed' }],
  ['the kill switch of this camera', [auth('a')], [kill('camera', 'cam1')], T0 + 2 * H, { ok: false, reason: 'killed' }],
  ['the kill switch of another camera', [auth('a')], [kill('camera', 'cam2')], T0 + 2 * H, { ok: true, ref: 'AP-a', events: ['intrusion'] }],
  ['the kill switch of its only authorisation', [auth('a')], [kill('authorisation', 'a')], T0 + 2 * H, { ok: false, reason: 'killed', ref: 'AP-a' }],
  ['one authorisation killed, another in force: the other one counts', [auth('a', { events: ['fire'] }), auth('b')], [kill('authorisation', 'a')], T0 + 2 * H, { ok: true, ref: 'AP-b', events: ['intrusion'] }],
  ['a kill switch released', [auth('a')], [kill('global', undefined, { releasedAtMs: T0 + 2 * H, releasedBy: 'admin', releasedWhy: 'fin' })], T0 + 3 * H, { ok: true, ref: 'AP-a', events: ['intrusion'] }],
  ['a kill switch before it was engaged', [auth('a')], [kill('global')], T0 + H - 1, { ok: true, ref: 'AP-a', events: ['intrusion'] }],
  ['a kill switch wins over a window not started', [auth('a', { startMs: T0 + 5 * H })], [kill('camera', 'cam1')], T0 + 2 * H, { ok: false, reason: 'killed' }],
];

describe('processingState', () => {
  it.each(rows)('%s', (_name, auths, kills, atMs, want) => {
    const state = processingState('cam1', auths, kills, atMs);
    if (want.ok) {
      expect(state).toMatchObject({ ok: true, events: want.events });
      expect(state.ok && state.authorisation.reference).toBe(want.ref);
    } else {
      expect(state).toMatchObject({ ok: false, reason: want.reason });
      expect(!state.ok && state.detail.length).toBeGreaterThan(0);
      if (want.ref) expect(!state.ok && state.authorisation?.reference).toBe(want.ref);
    }
  });

  it('words why, with who and when', () => {
    const killed = processingState('cam1', [auth('a')], [kill('camera', 'cam1')], T0 + 2 * H);
    expect(!killed.ok && killed.detail).toBe('kill switch of camera cam1 engaged by sup at 2025-06-01T09:00:00.000Z: incident');
    const expired = processingState('cam1', [auth('a')], [], T0 + 11 * H);
    expect(!expired.ok && expired.detail).toBe('authorisation AP-a (Préfecture) expired at 2025-06-01T18:00:00.000Z');
    expect(!expired.ok && expired.atMs).toBe(T0 + 10 * H);
  });
});

describe('authorisationState', () => {
  it.each<[string, Partial<Authorisation>, number, string]>([
    ['before', {}, T0 - 1, 'not_started'],
    ['inside', {}, T0, 'in_force'],
    ['after', {}, T0 + 10 * H, 'expired'],
    ['revoked before it started', { revokedAtMs: T0 - 2 }, T0 - 1, 'revoked'],
    ['revoked after it expired', { revokedAtMs: T0 + 11 * H }, T0 + 12 * H, 'revoked'],
  ])('%s', (_name, over, at, want) => expect(authorisationState(auth('a', over), at)).toBe(want));
});

describe('eventsAllowed', () => {
  it.each<[string, EventType[], Authorisation[], KillSwitch[], EventType[]]>([
    ['the enabled events the authorisations list', ['intrusion', 'fire', 'weapon'], [auth('a', { events: ['fire', 'intrusion'] })], [], ['intrusion', 'fire']],
    ['none when none is listed', ['weapon'], [auth('a')], [], []],
    ['none outside the window', ['intrusion'], [auth('a', { startMs: T0 + 5 * H })], [], []],
    ['none while killed', ['intrusion'], [auth('a')], [kill('global')], []],
  ])('%s', (_name, events, auths, kills, want) => expect(eventsAllowed({ id: 'cam1', events }, auths, kills, T0 + 2 * H)).toEqual(want));
});

describe('authorisationFor', () => {
  const auths = [auth('a', { events: ['fire'], endMs: T0 + 20 * H }), auth('b', { events: ['intrusion', 'fire'] })];
  it.each<[string, EventType, KillSwitch[], number, string | undefined]>([
    ['the one in force listing the event', 'intrusion', [], T0 + H, 'AP-b'],
    ['the one ending last among several', 'fire', [], T0 + H, 'AP-a'],
    ['none for an event no one lists', 'weapon', [], T0 + H, undefined],
    ['none outside the windows', 'intrusion', [], T0 + 30 * H, undefined],
    ['none while the camera is killed', 'intrusion', [kill('camera', 'cam1')], T0 + 2 * H, undefined],
    ['the other one when one is killed', 'fire', [kill('authorisation', 'a')], T0 + 2 * H, 'AP-b'],
  ])('%s', (_name, event, kills, at, want) => expect(authorisationFor('cam1', event, auths, kills, at)?.reference).toBe(want));
});

describe('nextChangeMs', () => {
  it.each<[string, Authorisation[], number, string | undefined, number | undefined]>([
    ['nothing recorded', [], T0, undefined, undefined],
    ['the start of a window to come', [auth('a')], T0 - 5, undefined, T0],
    ['the end of the window in force', [auth('a')], T0 + H, undefined, T0 + 10 * H],
    ['nothing after every window', [auth('a')], T0 + 10 * H, undefined, undefined],
    ['the earliest of several', [auth('a', { startMs: T0 + 3 * H }), auth('b', { endMs: T0 + 2 * H })], T0 + H, undefined, T0 + 2 * H],
    ['a revocation to come', [auth('a', { revokedAtMs: T0 + 2 * H })], T0 + H, undefined, T0 + 2 * H],
    ['not the end of a revoked one', [auth('a', { revokedAtMs: T0 + 2 * H })], T0 + 3 * H, undefined, undefined],
    ['only the camera asked about', [auth('a', { cameraIds: ['cam2'], endMs: T0 + 2 * H }), auth('b')], T0 + H, 'cam1', T0 + 10 * H],
  ])('%s', (_name, auths, at, camera, want) => expect(nextChangeMs(auths, at, camera)).toBe(want));
});
