import { describe, expect, it } from 'vitest';
import type { CameraConfig } from '../api/types.ts';
import { DEFAULT_PARAMS } from '../../../src/config/schema.ts';
import { EMPTY_DRAFT, draftFromCamera, draftToBody, eventWarnings, validateDraft, type CameraDraft } from './camera-draft.ts';

const square: [number, number][] = [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5], [0.1, 0.5]];
const draft = (over: Partial<CameraDraft>): CameraDraft => ({ ...EMPTY_DRAFT, id: 'gate', url: '/clips/a.avi', ...over });

describe('validateDraft', () => {
  it.each<[string, Partial<CameraDraft>, string[], string[]]>([
    ['a minimal camera is valid', {}, [], []],
    ['bad id', { id: 'gate 1' }, ['id: camera id: letters, digits, _ and - only (1-64)'], ['id : identifiant de caméra : lettres, chiffres, _ et - uniquement (1 à 64)']],
    [
      'unsupported scheme',
      { url: 'ftp://x/y' },
      ['url: unsupported URL scheme (use rtsp, rtsps, http, https or a file path)'],
      ['url : schéma d’URL non pris en charge (utilisez rtsp, rtsps, http, https ou un chemin de fichier)'],
    ],
    ['no source', { url: '' }, ['url: Too small: expected string to have >=1 characters'], ['url : trop court : ≥ 1 caractères attendus']],
    ['out-of-range parameter', { params: { minDwellSeconds: '-1' } }, ['params.minDwellSeconds: Too small: expected number to be >=0'], ['params.minDwellSeconds : trop petit : la valeur doit être ≥ 0']],
    ['parameter over its maximum', { params: { fallDescent: '0.95' } }, ['params.fallDescent: Too big: expected number to be <=0.9'], ['params.fallDescent : trop grand : la valeur doit être ≤ 0,9']],
    ['whole number expected', { params: { weaponMinFrames: '2.5' } }, ['params.weaponMinFrames: Invalid input: expected int, received number'], ['params.weaponMinFrames : nombre entier attendu']],
    ['open zone', { zones: [{ id: 'z', kind: 'forbidden', points: square, closed: false }] }, ['zones: polygon of "z" is not closed'], ['zones : le polygone de « z » n’est pas fermé']],
    [
      'duplicate zone ids',
      { zones: [{ id: 'z', kind: 'watch', points: square, closed: true }, { id: 'z', kind: 'watch', points: square, closed: true }] },
      ['zones: duplicate zone id "z"'],
      ['zones : identifiant de zone en double « z »'],
    ],
  ])('%s', (_name, over, en, fr) => {
    const issues = (lang: 'en' | 'fr'): string[] => {
      const r = validateDraft(draft(over), lang);
      return r.ok ? [] : r.issues;
    };
    expect(issues('en')).toEqual(en);
    expect(issues('fr')).toEqual(fr);
  });
});

describe('round trip', () => {
  it('keeps changed parameters only and restores zones', () => {
    const cam: CameraConfig = {
      id: 'gate',
      url: 'rtsp://cam/1',
      enabled: true,
      loop: false,
      events: ['intrusion'],
      zones: [{ id: 'yard', kind: 'forbidden', polygon: square }],
      privacyMasks: [],
      params: { ...DEFAULT_PARAMS, minDwellSeconds: 2 },
    };
    const d = draftFromCamera(cam);
    expect(d.params).toEqual({ minDwellSeconds: '2' });
    expect(draftToBody(d)).toEqual({ id: 'gate', url: 'rtsp://cam/1', enabled: true, loop: false, events: ['intrusion'], zones: cam.zones, privacyMasks: [], params: { minDwellSeconds: 2 } });
  });

  it('edits privacy masks beside the zones and gives them back as the camera\'s privacyMasks', () => {
    const strip: [number, number][] = [[0.7, 0], [1, 0], [1, 0.3], [0.7, 0.3]];
    const cam: CameraConfig = { id: 'gate', url: 'rtsp://cam/1', enabled: true, loop: false, events: [], zones: [{ id: 'yard', kind: 'forbidden', polygon: square }], privacyMasks: [square, strip], params: DEFAULT_PARAMS };
    const d = draftFromCamera(cam);
    expect(d.zones.map((z) => [z.id, z.kind])).toEqual([['yard', 'forbidden'], ['mask-1', 'mask'], ['mask-2', 'mask']]);
    const body = draftToBody({ ...d, zones: d.zones.filter((z) => z.id !== 'mask-1') });
    expect(body).toMatchObject({ zones: cam.zones, privacyMasks: [strip] });
  });
});

describe('validateDraft with privacy masks', () => {
  const mask = (points: readonly [number, number][], closed = true) => ({ id: 'mask-1', kind: 'mask' as const, points, closed });
  it.each<[string, Partial<CameraDraft>, string[], string[]]>([
    ['a closed mask is valid', { zones: [mask(square)] }, [], []],
    ['an open mask is named in words', { zones: [mask(square, false)] }, ['zones: polygon of "Mask 1" is not closed'], ['zones : le polygone de « Masque 1 » n’est pas fermé']],
    ['a mask may share its id with a zone (it has none on the server)', { zones: [{ id: 'mask-1', kind: 'watch', points: square, closed: true }, mask(square)] }, [], []],
    [
      'a tiny mask is refused like a tiny zone',
      { zones: [mask([[0.1, 0.1], [0.11, 0.1], [0.1, 0.11]])] },
      ['privacyMasks[0]: polygon is too small (area under 0.1 % of the frame)'],
      ['privacyMasks[0] : polygone trop petit (surface inférieure à 0,1 % de l’image)'],
    ],
    ['seventeen masks are too many', { zones: Array.from({ length: 17 }, () => mask(square)) }, ['privacyMasks: Too big: expected array to have <=16 items'], ['privacyMasks : trop d’éléments : ≤ 16 attendus']],
  ])('%s', (_name, over, en, fr) => {
    const issues = (lang: 'en' | 'fr'): string[] => {
      const r = validateDraft(draft(over), lang);
      return r.ok ? [] : r.issues;
    };
    expect(issues('en')).toEqual(en);
    expect(issues('fr')).toEqual(fr);
  });

  it('sends the masks to the server as privacyMasks', () => {
    const r = validateDraft(draft({ zones: [mask(square)] }), 'en');
    expect(r.ok && r.config.privacyMasks).toEqual([square]);
    expect(r.ok && r.config.zones).toEqual([]);
  });
});

describe('eventWarnings', () => {
  it.each<[string, Partial<CameraDraft>, string[], string[]]>([
    ['intrusion without zone', { events: ['intrusion'] }, ['Intrusion needs a forbidden zone.'], ['L’intrusion nécessite une zone interdite.']],
    ['intrusion with a forbidden zone', { events: ['intrusion'], zones: [{ id: 'z', kind: 'forbidden', points: square, closed: true }] }, [], []],
    ['wrong way without a flow zone', { events: ['wrong_way'] }, ['Wrong way needs a flow zone with a direction.'], ['Le contresens nécessite une zone de sens de circulation avec un sens autorisé.']],
    [
      'crowd density without figures',
      { events: ['crowd_density'], zones: [{ id: 'z', kind: 'crowd', points: square, closed: true }] },
      ['Crowd density needs a crowd zone with its area and maximum density.'],
      ['La densité de foule nécessite une zone de foule avec sa surface et sa densité maximale.'],
    ],
  ])('%s', (_name, over, en, fr) => {
    expect(eventWarnings(draft(over), 'en')).toEqual(en);
    expect(eventWarnings(draft(over), 'fr')).toEqual(fr);
  });
});
