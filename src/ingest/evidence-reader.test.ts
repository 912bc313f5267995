import { describe, expect, it } from 'vitest';
import { createEvidenceReader } from './evidence-reader.ts';

const jpeg = (n: number): Buffer => Buffer.from([0xff, 0xd8, n, n, 0xff, 0xd9]);
const first = (p: Promise<Uint8Array | undefined>): Promise<number | undefined> => p.then((b) => b?.[2]);

describe('createEvidenceReader', () => {
  it.each([
    ['images before their frames', ['push', 'push', 'next', 'next'], [1, 2]],
    ['frames before their images', ['next', 'next', 'push', 'push'], [1, 2]],
    ['interleaved', ['next', 'push', 'push', 'next'], [1, 2]],
  ])('pairs the k-th image with the k-th frame: %s', async (_name, steps, expected) => {
    const r = createEvidenceReader();
    let image = 0;
    const frames: Promise<number | undefined>[] = [];
    for (const step of steps) {
      if (step === 'push') r.push(jpeg(++image));
      else frames.push(first(r.next()));
    }
    expect(await Promise.all(frames)).toEqual(expected);
  });

  it('gives undefined to the frames still waiting, and to later ones, once the pipe ended', async () => {
    const r = createEvidenceReader();
    r.push(jpeg(1));
    const a = first(r.next());
    const b = first(r.next());
    r.end();
    r.push(jpeg(2));
    expect([await a, await b, await first(r.next())]).toEqual([1, undefined, undefined]);
  });

  it('counts bytes outside images', () => {
    const r = createEvidenceReader();
    r.push(Buffer.from([1, 2, 3]));
    expect(r.skippedBytes()).toBe(3);
  });
});
