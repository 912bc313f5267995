import { describe, expect, it } from 'vitest';
import { createJpegSplitter } from './jpeg-split.ts';

/** A JPEG-shaped image: SOI, a body with stuffed FF 00 bytes and a restart marker, EOI. */
const image = (fill: number, length = 12): Buffer =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length }, (_, i) => (i % 5 === 0 ? 0xff : fill)).flatMap((b) => (b === 0xff ? [0xff, 0x00] : [b])), 0xff, 0xd0, fill, 0xff, 0xd9]);

const hex = (b: Buffer): string => b.toString('hex');

describe('createJpegSplitter', () => {
  const a = image(1);
  const b = image(2, 30);
  const stream = Buffer.concat([a, b]);

  it('gives back the images of one chunk, in order', () => {
    const s = createJpegSplitter();
    expect(s.push(stream).map(hex)).toEqual([hex(a), hex(b)]);
    expect(s.pending()).toBe(0);
    expect(s.skipped()).toBe(0);
  });

  it.each(Array.from({ length: stream.length - 1 }, (_, i) => [i + 1]))('gives back the same images when the stream is cut at byte %i', (cut) => {
    const s = createJpegSplitter();
    const images = [...s.push(stream.subarray(0, cut)), ...s.push(stream.subarray(cut))];
    expect(images.map(hex)).toEqual([hex(a), hex(b)]);
  });

  it('gives back the same images fed one byte at a time (an end marker split over two chunks)', () => {
    const s = createJpegSplitter();
    const images = [...stream].flatMap((byte) => s.push(Buffer.from([byte])));
    expect(images.map(hex)).toEqual([hex(a), hex(b)]);
  });

  it('skips and counts bytes outside an image', () => {
    const s = createJpegSplitter();
    const junk = Buffer.from([0, 1, 2, 0xff, 0xd9]);
    expect(s.push(Buffer.concat([junk, a, Buffer.from([7, 7]), b])).map(hex)).toEqual([hex(a), hex(b)]);
    expect(s.skipped()).toBe(junk.length + 2);
  });

  it('keeps an unfinished image pending', () => {
    const s = createJpegSplitter();
    expect(s.push(a.subarray(0, 10))).toEqual([]);
    expect(s.pending()).toBe(10);
  });

  it('hands out copies: a later chunk reusing its buffer leaves earlier images intact', () => {
    const s = createJpegSplitter();
    const chunk = Buffer.from(a);
    const [out] = s.push(chunk);
    chunk.fill(0);
    expect(hex(out!)).toBe(hex(a));
  });
});
