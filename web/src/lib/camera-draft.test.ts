import { describe, expect, it } from 'vitest';
import type { CameraConfig } from '../api/types.ts';
import { DEFAULT_PARAMS } from '../../../src/config/schema.ts';
import { EMPTY_DRAFT, draftFromCamera, draftToBody, eventWarnings, validateDraft, type CameraDraft } from './camera-draft.ts';

const square: [number, number][] = [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5], [0.1, 0.5]];
const draft = (over: Partial<CameraDraft>): CameraDraft => ({ ...EMPTY_DRAFT, id: 'gate', url: '/clips/a.avi', ...over });

describe('validateDraft', () => {
  it.each<[string, Partial<CameraDraft>, string[]]>([
    ['a minimal camera is valid', {}, []],
    ['bad id', { id: 'gate 1' }, ['id: camera id: letters, digits, _ and - only (1-64)']],
    ['unsupported scheme', { url: 'ftp://x/y' }, ['url: unsupported URL scheme (use rtsp, rtsps, http, https or a file path)']],
    ['out-of-range parameter', { params: { minDwellSeconds: '-1' } }, ['params.minDwellSeconds: Too small: expected number to be >=0']],
    ['open zone', { zones: [{ id: 'z', kind: 'forbidden', points: square, closed: false }] }, ['zones: polygon of "z" is not closed']],
  ])('%s', (_name, over, issues) => {
    const r = validateDraft(draft(over));
    expect(r.ok ? [] : r.issues).toEqual(issues);
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
      params: { ...DEFAULT_PARAMS, minDwellSeconds: 2 },
    };
    const d = draftFromCamera(cam);
    expect(d.params).toEqual({ minDwellSeconds: '2' });
    expect(draftToBody(d)).toEqual({ id: 'gate', url: 'rtsp://cam/1', enabled: true, loop: false, events: ['intrusion'], zones: cam.zones, params: { minDwellSeconds: 2 } });
  });
});

describe('eventWarnings', () => {
  it.each<[string, Partial<CameraDraft>, number]>([
    ['intrusion without zone', { events: ['intrusion'] }, 1],
    ['intrusion with a forbidden zone', { events: ['intrusion'], zones: [{ id: 'z', kind: 'forbidden', points: square, closed: true }] }, 0],
    ['crowd density without figures', { events: ['crowd_density'], zones: [{ id: 'z', kind: 'crowd', points: square, closed: true }] }, 1],
  ])('%s', (_name, over, n) => expect(eventWarnings(draft(over))).toHaveLength(n));
});
