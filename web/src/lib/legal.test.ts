import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator.ts';
import { formatters } from '../i18n/format.ts';
import { authorisedFor, checkDraft, emptyDraft, fromLocalInput, localInput, notAnalysedWhy, parseCameraIds, type AuthorisationDraft, type AuthorisationView, type CameraLegalState } from './legal.ts';

const en = translator('en');
const fr = translator('fr');
const T0 = new Date(2025, 5, 1, 8, 30).getTime(); // local time

const view = (over: Partial<AuthorisationView>): AuthorisationView => ({
  id: 'a',
  reference: 'AP-1',
  authority: 'Préfecture',
  perimeter: '',
  cameraIds: ['gate'],
  events: ['intrusion'],
  startMs: 0,
  endMs: 1,
  demo: false,
  createdAtMs: 0,
  createdBy: 'admin',
  updatedAtMs: 0,
  updatedBy: 'admin',
  state: 'in_force',
  killed: false,
  ...over,
});

describe('datetime-local fields', () => {
  it('round-trips local minutes', () => {
    expect(localInput(T0)).toBe('2025-06-01T08:30');
    expect(fromLocalInput('2025-06-01T08:30')).toBe(T0);
  });
  it.each(['', '2025-06-01', 'tomorrow'])('refuses %j', (v) => expect(fromLocalInput(v)).toBeUndefined());
});

describe('parseCameraIds', () => {
  it('splits on commas, spaces and lines, once each', () => expect(parseCameraIds(' gate, hall\nquay  gate;')).toEqual(['gate', 'hall', 'quay']));
});

describe('checkDraft', () => {
  const good: AuthorisationDraft = { ...emptyDraft(T0, ['gate']), reference: ' AP-1 ', authority: 'Préfecture', events: ['fire', 'intrusion'], end: '2025-07-01T08:30' };
  it('gives the body with trimmed words, events in catalogue order', () => {
    const r = checkDraft(good, en);
    expect(r).toEqual({ ok: true, body: { reference: 'AP-1', authority: 'Préfecture', perimeter: '', cameraIds: ['gate'], events: ['intrusion', 'fire'], startMs: T0, endMs: fromLocalInput('2025-07-01T08:30') } });
  });
  it.each<[string, Partial<AuthorisationDraft>, string[]]>([
    ['nothing filled', { reference: '', authority: '', cameras: '', events: [], end: '' }, ['Give the reference of the order.', 'Give the authority that issued it.', 'Give at least one camera.', 'Tick at least one event type.', 'Give the start and the end.']],
    ['an end before the start', { end: '2025-05-01T08:30' }, ['The end must come after the start.']],
    ['a bad camera id', { cameras: 'gate, hall 2/b' }, ['Invalid camera id: 2/b (letters, digits, _ and -)']],
  ])('lists every problem: %s', (_name, over, issues) => {
    expect(checkDraft({ ...good, ...over }, en)).toEqual({ ok: false, issues });
  });
});

describe('authorisedFor', () => {
  it('joins the events of the authorisations in force naming the camera', () => {
    const auths = [view({ events: ['fire'] }), view({ reference: 'AP-2', events: ['intrusion', 'weapon'] }), view({ reference: 'AP-3', state: 'expired', events: ['wrong_way'] }), view({ reference: 'AP-4', cameraIds: ['hall'], events: ['crowd_density'] })];
    expect(authorisedFor('gate', auths)).toEqual({ events: ['weapon', 'intrusion', 'fire'], references: ['AP-1', 'AP-2'] });
    expect(authorisedFor('quay', auths)).toEqual({ events: [], references: [] });
  });
});

describe('notAnalysedWhy', () => {
  const fmt = formatters('en');
  const base: CameraLegalState = { cameraId: 'gate', ok: false, inForce: [], authorisation: { id: 'a', reference: 'AP-1', authority: 'P', demo: false, startMs: 0, endMs: T0 }, atMs: T0 };
  it.each<[string, Partial<CameraLegalState>, string, string]>([
    ['analysed', { ok: true }, '', ''],
    ['no authorisation', { reason: 'no_authorisation' }, 'no authorisation names it', 'aucune autorisation ne la désigne'],
    ['expired', { reason: 'expired' }, `authorisation AP-1 expired on ${fmt.dateTime(T0)}`, `l'autorisation AP-1 a expiré le ${formatters('fr').dateTime(T0)}`],
    ['killed', { reason: 'killed', killSwitch: { id: 'k', scope: 'camera', targetId: 'gate', engagedAtMs: 0, engagedBy: 'sam', engagedWhy: 'demo' } }, 'kill switch by sam: demo', "arrêt d'urgence par sam : demo"],
  ])('%s', (_name, over, inEnglish, inFrench) => {
    expect(notAnalysedWhy({ ...base, ...over }, en, fmt) ?? '').toBe(inEnglish);
    expect(notAnalysedWhy({ ...base, ...over }, fr, formatters('fr')) ?? '').toBe(inFrench);
  });
});
