import { describe, expect, it } from 'vitest';
import { refusalText, viewingAllowed, type Habilitation, type Training, type ViewingVerdict } from './habilitation.ts';
import type { Role } from '../store/users.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;
type H = Pick<Habilitation, 'username' | 'grantedAtMs' | 'expiresAtMs' | 'withdrawn'>;
type T = Pick<Training, 'username' | 'kind' | 'atMs'>;

const hab = (extra: Partial<H> = {}): H => ({ username: 'olga', grantedAtMs: NOW - 10 * DAY, ...extra });
const dp = (atMs = NOW - 5 * DAY, username = 'olga'): T => ({ username, kind: 'data_protection', atMs });
const tool = (atMs = NOW - 5 * DAY, username = 'olga'): T => ({ username, kind: 'tool_use', atMs });
const withdrawn = { atMs: NOW - DAY, by: 'admin', why: 'left the service' };

describe('viewingAllowed', () => {
  it.each<[string, Role, H | undefined, T[], ViewingVerdict]>([
    ['habilitated and both trainings', 'operator', hab(), [dp(), tool()], { ok: true }],
    ['a supervisor, the same', 'supervisor', hab(), [dp(), tool()], { ok: true }],
    ['an admin, the same rule', 'admin', hab(), [dp(), tool()], { ok: true }],
    ['an auditor, the same rule', 'auditor', hab(), [dp(), tool()], { ok: true }],
    ['no habilitation, trainings done', 'operator', undefined, [dp(), tool()], { ok: false, reason: 'not_habilitated' }],
    ['an admin without one is refused too', 'admin', undefined, [], { ok: false, reason: 'not_habilitated' }],
    ['granted from tomorrow', 'operator', hab({ grantedAtMs: NOW + DAY }), [dp(), tool()], { ok: false, reason: 'not_habilitated' }],
    ['granted this very moment', 'operator', hab({ grantedAtMs: NOW }), [dp(), tool()], { ok: true }],
    ["another account's habilitation", 'operator', hab({ username: 'marc' }), [dp(), tool()], { ok: false, reason: 'not_habilitated' }],
    ['usernames compared without case', 'operator', hab({ username: 'Olga' }), [dp(), tool(undefined, 'OLGA')], { ok: true }],
    ['withdrawn', 'operator', hab({ withdrawn }), [dp(), tool()], { ok: false, reason: 'habilitation_withdrawn', withdrawn }],
    ['withdrawn wins over expired', 'operator', hab({ withdrawn, expiresAtMs: NOW - DAY }), [dp(), tool()], { ok: false, reason: 'habilitation_withdrawn', withdrawn }],
    ['expired yesterday', 'operator', hab({ expiresAtMs: NOW - DAY }), [dp(), tool()], { ok: false, reason: 'habilitation_expired', expiredAtMs: NOW - DAY }],
    ['expires this very moment', 'operator', hab({ expiresAtMs: NOW }), [dp(), tool()], { ok: false, reason: 'habilitation_expired', expiredAtMs: NOW }],
    ['expires tomorrow', 'operator', hab({ expiresAtMs: NOW + DAY }), [dp(), tool()], { ok: true }],
    ['habilitated, no training', 'operator', hab(), [], { ok: false, reason: 'training_missing', missing: ['data_protection', 'tool_use'] }],
    ['without the tool-use training', 'operator', hab(), [dp()], { ok: false, reason: 'training_missing', missing: ['tool_use'] }],
    ['without the data-protection training', 'operator', hab(), [tool(), tool(NOW - DAY)], { ok: false, reason: 'training_missing', missing: ['data_protection'] }],
    ['a training dated tomorrow does not count yet', 'operator', hab(), [dp(), tool(NOW + DAY)], { ok: false, reason: 'training_missing', missing: ['tool_use'] }],
    ["another account's training does not count", 'operator', hab(), [dp(), tool(undefined, 'marc')], { ok: false, reason: 'training_missing', missing: ['tool_use'] }],
    ['not habilitated is said before the trainings', 'operator', undefined, [], { ok: false, reason: 'not_habilitated' }],
  ])('%s', (_name, role, habilitation, trainings, expected) => {
    expect(viewingAllowed({ username: 'olga', role }, habilitation, trainings, NOW)).toEqual(expected);
  });
});

describe('refusalText', () => {
  it.each<[Parameters<typeof refusalText>[0], string]>([
    [{ reason: 'not_habilitated' }, 'not habilitated'],
    [{ reason: 'habilitation_withdrawn', withdrawn: { atMs: 0, by: 'admin', why: 'moved' } }, 'habilitation withdrawn on 1970-01-01T00:00:00.000Z by admin: moved'],
    [{ reason: 'habilitation_expired', expiredAtMs: 0 }, 'habilitation expired on 1970-01-01T00:00:00.000Z'],
    [{ reason: 'training_missing', missing: ['data_protection', 'tool_use'] }, 'training missing: data_protection, tool_use'],
  ])('%j', (refusal, text) => expect(refusalText(refusal)).toBe(text));
});
