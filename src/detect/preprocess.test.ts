import { describe, expect, it } from 'vitest';
import { computeLetterbox } from './letterbox.ts';
import { NANODET_NORMALISATION, YOLO_NORMALISATION, preprocess, type InputWindow, type Normalisation, type RgbImage } from './preprocess.ts';

function solid(width: number, height: number, rgb: [number, number, number]): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, data };
}

const RAW: Normalisation = { order: 'rgb', mean: [0, 0, 0], std: [1, 1, 1], padValue: 7 };

describe('preprocess', () => {
  it('places the frame in the middle and fills the padding with the pad value', () => {
    const { tensor } = preprocess(solid(8, 4, [10, 20, 30]), { width: 8, height: 8 }, RAW);
    const plane = 64;
    // rows 0-1 and 6-7 are padding, rows 2-5 the frame
    expect(tensor[0 * 8 + 3]).toBe(7);
    expect(tensor[7 * 8 + 3]).toBe(7);
    expect(tensor[2 * 8 + 0]).toBe(10);
    expect(tensor[plane + 5 * 8 + 7]).toBe(20);
    expect(tensor[2 * plane + 3 * 8 + 4]).toBe(30);
  });

  const norms = [
    { name: 'nanodet: BGR first, mean/std', norm: NANODET_NORMALISATION, pixel: [200, 100, 50], expected: [(50 - 103.53) / 57.375, (100 - 116.28) / 57.12, (200 - 123.675) / 58.395] },
    { name: 'yolo: RGB / 255', norm: YOLO_NORMALISATION, pixel: [255, 0, 51], expected: [1, 0, 0.2] },
  ];
  it.each(norms)('$name', ({ norm, pixel, expected }) => {
    const { tensor } = preprocess(solid(4, 4, pixel as [number, number, number]), { width: 4, height: 4 }, norm);
    expected.forEach((v, c) => expect(tensor[c * 16 + 5]).toBeCloseTo(v, 5));
  });

  it('pads with the normalised pad value', () => {
    const { tensor } = preprocess(solid(4, 2, [0, 0, 0]), { width: 4, height: 4 }, YOLO_NORMALISATION);
    expect(tensor[0]).toBeCloseTo(114 / 255, 6);
  });

  it('interpolates bilinearly with half-pixel centres (2x upscale of a horizontal ramp)', () => {
    const img = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 100, 100, 100]) };
    const { tensor } = preprocess(img, { width: 4, height: 2 }, RAW);
    // destination x centres map to source x = -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1
    expect(Array.from(tensor.slice(0, 4))).toEqual([0, 25, 75, 100]);
    expect(Array.from(tensor.slice(4, 8))).toEqual([0, 25, 75, 100]);
  });

  it('averages when downscaling by two', () => {
    const img = { width: 4, height: 1, data: new Uint8Array([0, 0, 0, 40, 40, 40, 80, 80, 80, 120, 120, 120]) };
    const { tensor } = preprocess(img, { width: 2, height: 1 }, RAW);
    expect(Array.from(tensor.slice(0, 2))).toEqual([20, 100]);
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => preprocess({ width: 4, height: 4, data: new Uint8Array(10) }, { width: 4, height: 4 }, RAW)).toThrow(/needs 48 bytes, got 10/);
  });

  it('reuses the output buffer it is given', () => {
    const out = new Float32Array(3 * 16);
    expect(preprocess(solid(4, 4, [1, 2, 3]), { width: 4, height: 4 }, RAW, out).tensor).toBe(out);
  });

  // A 640x480 frame of noise in a 64x64 input (letterboxed to 64x48, 8 rows of padding above and below).
  const noise = { width: 640, height: 480, data: Uint8Array.from({ length: 640 * 480 * 3 }, (_, i) => (i * 2654435761) % 251) };
  it.each([
    ['inside the frame', { x: 16, y: 16, width: 32, height: 16 }],
    ['over the padding', { x: 0, y: 0, width: 32, height: 32 }],
    ['the whole input', { x: 0, y: 0, width: 64, height: 64 }],
  ])('a window (%s) holds exactly the whole tensor\'s values there', (_name, w) => {
    const whole = preprocess(noise, { width: 64, height: 64 }, NANODET_NORMALISATION).tensor;
    const part = preprocess(noise, { width: 64, height: 64 }, NANODET_NORMALISATION, undefined, w).tensor;
    expect(part).toHaveLength(3 * w.width * w.height);
    const expected = new Float32Array(part.length);
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < w.height; y++) {
        for (let x = 0; x < w.width; x++) expected[c * w.width * w.height + y * w.width + x] = whole[c * 64 * 64 + (w.y + y) * 64 + (w.x + x)]!;
      }
    }
    expect(part).toEqual(expected);
  });

  /**
   * The textbook form, pixel by pixel of the input, padding included: the tensor must be the same
   * to the bit (every pass on the whole frame, a frame window or a look).
   */
  function reference(img: RgbImage, input: { width: number; height: number }, norm: Normalisation, w: InputWindow): Float32Array {
    const plane = w.width * w.height;
    const out = new Float32Array(3 * plane);
    const lb = computeLetterbox(img.width, img.height, input.width, input.height);
    const axis = (srcLen: number, dstLen: number, d: number): [number, number, number] => {
      const s = Math.min(srcLen - 1, Math.max(0, (d + 0.5) * (srcLen / dstLen) - 0.5));
      const f = Math.floor(s);
      return [f, Math.min(srcLen - 1, f + 1), Math.fround(s - f)];
    };
    for (let c = 0; c < 3; c++) {
      const sc = norm.order === 'bgr' ? 2 - c : c;
      const k = 1 / norm.std[c]!;
      const b = -norm.mean[c]! * k;
      for (let y = 0; y < w.height; y++) {
        for (let x = 0; x < w.width; x++) {
          const dy = w.y + y - lb.padY;
          const dx = w.x + x - lb.padX;
          const o = c * plane + y * w.width + x;
          if (dy < 0 || dy >= lb.scaledHeight || dx < 0 || dx >= lb.scaledWidth) {
            out[o] = norm.padValue * k + b;
            continue;
          }
          const [y0, y1, wy] = axis(img.height, lb.scaledHeight, dy);
          const [x0, x1, wx] = axis(img.width, lb.scaledWidth, dx);
          const at = (yy: number, xx: number): number => img.data[(yy * img.width + xx) * 3 + sc]!;
          const top = at(y0, x0) + (at(y0, x1) - at(y0, x0)) * wx;
          const bot = at(y1, x0) + (at(y1, x1) - at(y1, x0)) * wx;
          out[o] = (top + (bot - top) * wy) * k + b;
        }
      }
    }
    return out;
  }

  const frameOf = (width: number, height: number): RgbImage => ({ width, height, data: Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 2654435761) % 251) });
  it.each([
    ['16:9 into a square input, whole', frameOf(640, 360), { width: 416, height: 416 }, NANODET_NORMALISATION, { x: 0, y: 0, width: 416, height: 416 }],
    ['16:9, the frame window of a trimmed pass', frameOf(640, 360), { width: 416, height: 416 }, NANODET_NORMALISATION, { x: 0, y: 64, width: 416, height: 288 }],
    ['portrait, a look', frameOf(360, 640), { width: 416, height: 416 }, NANODET_NORMALISATION, { x: 96, y: 32, width: 160, height: 192 }],
    ['odd sizes, upscaled, YOLO normalisation', frameOf(37, 23), { width: 64, height: 64 }, YOLO_NORMALISATION, { x: 0, y: 0, width: 64, height: 64 }],
  ])('gives the textbook tensor to the bit: %s', (_name, img, input, norm, w) => {
    const got = preprocess(img, input, norm, undefined, w).tensor;
    const want = reference(img, input, norm, w);
    expect(got).toHaveLength(want.length);
    // The first value that differs, if any (a diff of the whole tensor would take minutes to print).
    const i = want.findIndex((v, j) => !Object.is(v, got[j]));
    expect(i < 0 ? 'identical' : `value ${i}: ${got[i]} instead of ${want[i]}`).toBe('identical');
  });
});
