import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import type { Frame } from '../core/types.ts';
import { frameMessage, withLiveJpeg } from './live.ts';

const frame = (evidence?: Promise<Uint8Array | undefined>): Frame => ({
  cameraId: 'c',
  seq: 0,
  tMs: 0,
  wallMs: 0,
  width: 8,
  height: 6,
  data: new Uint8Array(8 * 6 * 3).fill(90),
  ...(evidence ? { evidence } : {}),
});
const decoderJpeg = new Uint8Array([0xff, 0xd8, 7, 7, 0xff, 0xd9]);

describe('withLiveJpeg', () => {
  it.each([
    ['no decoder JPEG: at once, with nothing', undefined, true, undefined],
    ['a decoder JPEG: once it is there, with it', Promise.resolve(decoderJpeg), false, decoderJpeg],
    ['a decoder that wrote none: once that is known, with nothing', Promise.resolve(undefined), false, undefined],
  ])('%s', async (_name, evidence, synchronous, want) => {
    const calls: (Uint8Array | undefined)[] = [];
    withLiveJpeg(frame(evidence), (d) => void calls.push(d), () => undefined);
    expect(calls.length === 1).toBe(synchronous);
    await Promise.resolve();
    expect(calls).toEqual([want]);
  });

  it('reports a failing send instead of throwing', async () => {
    const errors: unknown[] = [];
    const fail = (): void => {
      throw new Error('socket gone');
    };
    withLiveJpeg(frame(), fail, (e) => void errors.push(e));
    withLiveJpeg(frame(Promise.resolve(decoderJpeg)), fail, (e) => void errors.push(e));
    await Promise.resolve();
    expect(errors.map((e) => (e as Error).message)).toEqual(['socket gone', 'socket gone']);
  });
});

describe('frameMessage', () => {
  it.each([
    ['the decoder\'s JPEG as it is', decoderJpeg, (b: Buffer) => expect([...b]).toEqual([...decoderJpeg])],
    ['a JPEG encoded here without one', undefined, (b: Buffer) => expect(jpeg.decode(b, { useTArray: true }).height).toBe(6)],
  ])('carries %s', (_name, decoded, check) => {
    const m = frameMessage(frame(), { tracks: [] }, [], decoded);
    if (m.type !== 'frame') throw new Error(`a frame message, got ${m.type}`);
    check(Buffer.from(m.jpeg, 'base64'));
  });
});
