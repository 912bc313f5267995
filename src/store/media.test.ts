import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeMediaFiles, resolveMediaPath } from './media.ts';

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
