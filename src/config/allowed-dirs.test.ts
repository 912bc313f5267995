import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insideAllowedDirs, sourceFile } from './allowed-dirs.ts';
import { MAX_ZONES_PER_CAMERA } from './schema.ts';
import { confinedSiteSchema } from './confined.ts';
import { formatIssues } from './issues.ts';

const root = mkdtempSync(path.join(tmpdir(), 'vigie-dirs-'));
const media = path.join(root, 'media');
mkdirSync(media);
writeFileSync(path.join(media, 'clip.mp4'), '');
writeFileSync(path.join(root, 'secret.txt'), '');
symlinkSync(path.join(root, 'secret.txt'), path.join(media, 'link.mp4'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('allowed folders', () => {
  // [what, file, allowed]
  const cases: [string, string, boolean][] = [
    ['a file inside', path.join(media, 'clip.mp4'), true],
    ['a file not there yet, inside', path.join(media, 'later/cam.mp4'), true],
    ['a file outside', path.join(root, 'secret.txt'), false],
    ['.. out of the folder', path.join(media, '../secret.txt'), false],
    ['a symbolic link inside pointing outside', path.join(media, 'link.mp4'), false],
    ['the folder itself', media, false],
    ['a sibling folder sharing the prefix', path.join(root, 'media2/clip.mp4'), false],
  ];
  it.each(cases)('%s: allowed %s', (_what, file, allowed) => expect(insideAllowedDirs(file, [media])).toBe(allowed));

  it('confines nothing when no folder is set', () => expect(insideAllowedDirs('/etc/passwd', [])).toBe(true));

  it.each([
    ['rtsp://cam/stream', undefined],
    ['https://cam/x.mjpg', undefined],
    ['file:///srv/a.mp4', '/srv/a.mp4'],
    ['clips/a.mp4', 'clips/a.mp4'],
  ])('the file of source %s is %s', (url, file) => expect(sourceFile(url)).toBe(file));
});

describe('site config: security.allowedDirs and the zone cap', () => {
  const camera = (url: string, extra: object = {}) => ({ id: 'c', url, ...extra });
  const problems = (cfg: object): string[] => {
    const r = confinedSiteSchema.safeParse(cfg);
    return r.success ? [] : formatIssues(r.error.issues);
  };

  it('refuses a camera file or a model outside the allowed folders, naming the path', () => {
    const cfg = {
      security: { allowedDirs: [media] },
      cameras: [camera(path.join(media, 'clip.mp4')), camera(path.join(root, 'secret.txt'), { id: 'd', weaponDetector: { model: '/tmp/w.onnx', classMap: { '0': 'knife' } } }), camera('rtsp://cam/1', { id: 'e' })],
    };
    expect(problems(cfg)).toEqual([
      `cameras[1].url: file "${path.join(root, 'secret.txt')}" is outside the allowed folders (security.allowedDirs: ${media})`,
      `cameras[1].weaponDetector.model: model "/tmp/w.onnx" is outside the allowed folders (security.allowedDirs: ${media})`,
    ]);
    expect(problems({ cameras: [camera('/anywhere/clip.mp4')] })).toEqual([]);
  });

  it(`caps the zones of a camera at ${MAX_ZONES_PER_CAMERA}`, () => {
    const zone = (i: number) => ({ id: `z${i}`, kind: 'forbidden', polygon: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5]] });
    expect(problems({ cameras: [camera('a.mp4', { zones: Array.from({ length: MAX_ZONES_PER_CAMERA }, (_, i) => zone(i)) })] })).toEqual([]);
    expect(problems({ cameras: [camera('a.mp4', { zones: Array.from({ length: MAX_ZONES_PER_CAMERA + 1 }, (_, i) => zone(i)) })] })).toEqual([`cameras[0].zones: a camera has at most ${MAX_ZONES_PER_CAMERA} zones`]);
  });
});
