import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, dosDateTime, readStoredZip, zipStored } from './zip.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

it.each<[string, number]>([
  ['', 0],
  ['a', 0xe8b7be43],
  ['123456789', 0xcbf43926],
  ['The quick brown fox jumps over the lazy dog', 0x414fa339],
])('crc32(%j) = %i', (s, crc) => {
  expect(crc32(bytes(s))).toBe(crc);
});

it.each<[number, number, number]>([
  [Date.UTC(2024, 0, 2, 3, 4, 5), (3 << 11) | (4 << 5) | 2, (44 << 9) | (1 << 5) | 2],
  [0, 0, (0 << 9) | (1 << 5) | 1], // before 1980: the earliest DOS date
])('dosDateTime(%i)', (ms, time, date) => {
  expect(dosDateTime(ms)).toEqual({ time, date });
});

describe('zipStored', () => {
  const entries = [
    { name: 'facts.txt', data: bytes('Intrusion\n') },
    { name: 'media/clip.mp4', data: new Uint8Array(1000).map((_, i) => i % 251) },
    { name: 'empty', data: new Uint8Array(0) },
  ];

  it('round-trips its entries', () => {
    const back = readStoredZip(zipStored(entries, Date.UTC(2024, 0, 2)));
    expect(back.map((e) => e.name)).toEqual(['facts.txt', 'media/clip.mp4', 'empty']);
    back.forEach((e, i) => expect(Buffer.from(e.data).equals(Buffer.from(entries[i]!.data))).toBe(true));
  });

  it('ends with an end-of-central-directory record counting the entries', () => {
    const zip = zipStored(entries, 0);
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    expect(v.getUint32(zip.length - 22, true)).toBe(0x06054b50);
    expect(v.getUint16(zip.length - 22 + 10, true)).toBe(3);
  });

  it.each(['/abs', '../up', 'a/../b', 'é.txt', ''])('refuses the entry name %j', (name) => {
    expect(() => zipStored([{ name, data: new Uint8Array(1) }], 0)).toThrow(/bad zip entry name/);
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)("is read by Python's zipfile, CRCs checked", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-zip-'));
    try {
      const file = path.join(dir, 'x.zip');
      writeFileSync(file, zipStored(entries, Date.UTC(2024, 0, 2, 3, 4, 5)));
      const script = 'import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(",".join(f"{i.filename}:{i.file_size}:{i.date_time}" for i in z.infolist()))';
      const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim();
      expect(out).toBe('facts.txt:10:(2024, 1, 2, 3, 4, 4),media/clip.mp4:1000:(2024, 1, 2, 3, 4, 4),empty:0:(2024, 1, 2, 3, 4, 4)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
