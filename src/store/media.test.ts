import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeMediaFiles, resolveMediaPath, sweepLeftovers } from './media.ts';

describe('resolveMediaPath', () => {
  it.each([
    ['cam/2024-01-01/a.jpg', true],
    ['a.jpg', true],
    ['../vigie.db', false],
    ['cam/../../x', false],
    ['/etc/passwd', false],
    ['', false],
  ])('%s inside the media folder: %s', (rel, ok) => {
    if (ok) expect(resolveMediaPath('/data/media', rel)).toBe(path.join('/data/media', rel));
    else expect(() => resolveMediaPath('/data/media', rel)).toThrow(/outside the media folder/);
  });
});

describe('removeMediaFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'vigie-media-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('deletes files, counts missing ones, prunes emptied folders and keeps the others', () => {
    mkdirSync(path.join(root, 'cam/d1'), { recursive: true });
    mkdirSync(path.join(root, 'cam/d2'), { recursive: true });
    writeFileSync(path.join(root, 'cam/d1/a.jpg'), 'a');
    writeFileSync(path.join(root, 'cam/d2/b.jpg'), 'b');
    writeFileSync(path.join(root, 'cam/d2/keep.jpg'), 'k');
    const r = removeMediaFiles(root, ['cam/d1/a.jpg', 'cam/d2/b.jpg', 'cam/d2/gone.jpg', '../escape.jpg']);
    expect(r.removed).toBe(2);
    expect(r.missing).toBe(1);
    expect(r.failures.map((f) => f.path)).toEqual(['../escape.jpg']);
    expect(existsSync(path.join(root, 'cam/d1'))).toBe(false);
    expect(existsSync(path.join(root, 'cam/d2/keep.jpg'))).toBe(true);
    expect(existsSync(root)).toBe(true);
  });
});

describe('sweepLeftovers', () => {
  let media: string;
  beforeEach(() => void (media = mkdtempSync(path.join(tmpdir(), 'vigie-sweep-'))));
  afterEach(() => rmSync(media, { recursive: true, force: true }));

  it('deletes the half-written clips and snapshots of a run that stopped, keeps the finished files', () => {
    const files = ['gate/2024-01-02/a.mp4.part', 'gate/2024-01-02/a.jpg', 'gate/2024-01-02/b.jpg.tmp', 'hall/2024-01-03/c.mp4', 'hall/2024-01-03/d.mp4.part'];
    for (const rel of files) {
      mkdirSync(path.dirname(path.join(media, rel)), { recursive: true });
      writeFileSync(path.join(media, rel), 'x');
    }
    const r = sweepLeftovers(media);
    expect([...r.paths].sort()).toEqual(['gate/2024-01-02/a.mp4.part', 'gate/2024-01-02/b.jpg.tmp', 'hall/2024-01-03/d.mp4.part']);
    expect(r.removed).toBe(3);
    expect(files.filter((rel) => existsSync(path.join(media, rel)))).toEqual(['gate/2024-01-02/a.jpg', 'hall/2024-01-03/c.mp4']);
    expect(sweepLeftovers(path.join(media, 'none')).paths).toEqual([]);
  });
});
