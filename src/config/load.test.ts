import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseYaml, validateConfig } from './load.ts';
import { VigieError } from '../core/errors.ts';

const square = [[0.1, 0.1], [0.9, 0.1], [0.9, 0.9], [0.1, 0.9]];
const camera = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'cam1',
  url: 'rtsp://127.0.0.1:8554/cam1',
  events: ['intrusion'],
  zones: [{ id: 'z', kind: 'forbidden', polygon: square }],
  ...over,
});

function problems(raw: unknown): string {
  try {
    validateConfig(raw, 'site.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(VigieError);
    return (err as VigieError).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('validateConfig', () => {
  it('fills documented defaults', () => {
    const cfg = validateConfig({ cameras: [camera()] }, 'site.yaml');
    expect(cfg.analysis).toEqual({ fps: 5, width: 640, motionGating: true });
    expect(cfg.detector.kind).toBe('nanodet');
    expect(cfg.cameras[0]!.params.minDwellSeconds).toBe(1);
    expect(cfg.cameras[0]!.enabled).toBe(true);
  });

  it.each([
    ['unknown top-level key', { camras: [] }, 'camras: unknown key'],
    ['unknown camera key', { cameras: [camera({ colour: 'red' })] }, 'cameras[0].colour: unknown key'],
    ['polygon of 2 points', { cameras: [camera({ zones: [{ id: 'z', kind: 'forbidden', polygon: [[0, 0], [1, 1]] }] })] }, 'cameras[0].zones[0].polygon: a polygon needs at least 3 points'],
    ['self-intersecting polygon', { cameras: [camera({ zones: [{ id: 'z', kind: 'forbidden', polygon: [[0.1, 0.1], [0.9, 0.9], [0.9, 0.1], [0.1, 0.9]] }] })] }, 'self-intersecting'],
    ['tiny polygon', { cameras: [camera({ zones: [{ id: 'z', kind: 'forbidden', polygon: [[0.1, 0.1], [0.11, 0.1], [0.1, 0.11]] }] })] }, 'too small'],
    ['flow zone without direction', { cameras: [camera({ zones: [{ id: 'f', kind: 'flow', polygon: square }] })] }, 'cameras[0].zones[0].direction: a flow zone needs a direction'],
    ['point outside the frame', { cameras: [camera({ zones: [{ id: 'z', kind: 'forbidden', polygon: [[0.1, 0.1], [1.5, 0.1], [0.5, 0.9]] }] })] }, 'cameras[0].zones[0].polygon[1][0]'],
    ['unknown event', { cameras: [camera({ events: ['loitering'] })] }, 'cameras[0].events[0]'],
    ['bad scheme', { cameras: [camera({ url: 'ftp://host/x' })] }, 'cameras[0].url: unsupported URL scheme'],
    ['duplicate camera', { cameras: [camera(), camera()] }, 'cameras[1].id: duplicate camera id "cam1"'],
    ['negative dwell', { cameras: [camera({ params: { minDwellSeconds: -1 } })] }, 'cameras[0].params.minDwellSeconds'],
    ['motion gating neither a flag nor coasts', { analysis: { motionGating: 'yes' }, cameras: [] }, 'analysis.motionGating: expected true, false or { coastMs, uncertainCoastMs, looks }'],
    ['negative coast', { analysis: { motionGating: { coastMs: -5 } }, cameras: [] }, 'analysis.motionGating.coastMs'],
    ['uncertain coast longer than the coast', { analysis: { motionGating: { coastMs: 500, uncertainCoastMs: 800 } }, cameras: [] }, 'analysis.motionGating.uncertainCoastMs: uncertainCoastMs must not exceed coastMs'],
    ['unknown coast key', { analysis: { motionGating: { coast: 500 } }, cameras: [] }, 'analysis.motionGating.coast: unknown key'],
  ])('%s', (_name, raw, expected) => {
    expect(problems(raw)).toContain(expected);
  });

  it('takes the coasts of motion gating as an object, the default coast filled in', () => {
    expect(validateConfig({ analysis: { motionGating: { uncertainCoastMs: 500 } }, cameras: [] }, 'site.yaml').analysis.motionGating).toEqual({ coastMs: 2000, uncertainCoastMs: 500 });
    expect(validateConfig({ analysis: { motionGating: false }, cameras: [] }, 'site.yaml').analysis.motionGating).toBe(false);
  });

  it('lists every problem at once', () => {
    const msg = problems({ camras: [], cameras: [camera({ colour: 'red', events: ['x'] })] });
    expect(msg).toContain('3 problems');
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-config-'));

  it('names file, line and column of malformed YAML', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'cameras:\n  - id: a\n    url: [unclosed\n');
    expect(() => loadConfig(file)).toThrow(/bad\.yaml:\d+:\d+: malformed YAML/);
  });

  it('rejects a missing file with its path', () => {
    expect(() => loadConfig(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml: config file not found/);
  });

  it('loads a valid file', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'cameras:\n  - id: a\n    url: clip.mp4\n    events: [wrong_way]\n');
    expect(loadConfig(file).cameras[0]!.url).toBe('clip.mp4');
  });

  it('treats an empty file as the defaults', () => {
    expect(parseYaml('', 'x.yaml')).toEqual({});
  });
});
