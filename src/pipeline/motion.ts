/**
 * Cheap motion detection for detector gating: a small grey copy of the frame compared with a reference
 * (the frame the detector last saw). Pure functions; a few hundred microseconds per frame at 160 px.
 */
import type { Box, Frame } from '../core/types.ts';

/** An 8-bit grey image, row-major. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface MotionOptions {
  /** Grey-level difference (0-255, after illumination compensation) above which a pixel changed. */
  readonly threshold: number;
  /** Changed pixels (of the small image) a region needs to count: fewer is noise. */
  readonly minPixels: number;
}

export const DEFAULT_MOTION: MotionOptions = { threshold: 18, minPixels: 3 };

export interface Motion {
  /** Changed regions, normalised to the frame, dilated by one small-image pixel. */
  readonly boxes: readonly Box[];
  /** Share of the small image's pixels that changed (0..1), before dilation, noise regions included. */
  readonly changedShare: number;
  /** The changed pixels of the small image (1 changed, 0 not), before dilation; absent when the sizes differed. */
  readonly changed?: GreyImage;
}

/** Grey (R + 2G + B) / 4 averaged over square cells, so the result is about `targetWidth` wide. */
export function greyDownscale(frame: Pick<Frame, 'width' | 'height' | 'data'>, targetWidth = 160): GreyImage {
  const f = Math.max(1, Math.floor(frame.width / targetWidth));
  const width = Math.floor(frame.width / f);
  const height = Math.floor(frame.height / f);
  const out = new Uint8Array(width * height);
  if (f === 4 && LITTLE_ENDIAN && frame.width % 4 === 0 && frame.data.byteOffset % 4 === 0) greyCells4(frame, width, height, out);
  else greyCells(frame, f, width, height, out);
  return { width, height, data: out };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function greyCells(frame: Pick<Frame, 'width' | 'data'>, f: number, width: number, height: number, out: Uint8Array): void {
  const src = frame.data;
  const cell = f * f * 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = ((y * f + dy) * frame.width + x * f) * 3;
        for (let dx = 0; dx < f; dx++, i += 3) sum += src[i]! + 2 * src[i + 1]! + src[i + 2]!;
      }
      out[y * width + x] = Math.round(sum / cell);
    }
  }
}

const BYTE_PAIRS = 0x00ff00ff;

/**
 * The same sums for 4x4 cells (the default: 640 px frames, 160 px grey), row by row, a cell's row
 * (4 RGB pixels) read as three little-endian 32-bit words: every byte is summed two at a time in
 * 16-bit lanes (at most 6 x 255 each), the four green bytes added once more. Same result as
 * `greyCells`, byte for byte (motion.test.ts), in about 40 % of its time.
 */
function greyCells4(frame: Pick<Frame, 'width' | 'data'>, width: number, height: number, out: Uint8Array): void {
  const { data } = frame;
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >> 2);
  const rowWords = (frame.width * 3) >> 2;
  const sums = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < 4; dy++) {
      for (let x = 0, w = (y * 4 + dy) * rowWords; x < width; x++, w += 3) {
        const a = words[w]!;
        const b = words[w + 1]!;
        const c = words[w + 2]!;
        const lanes = (a & BYTE_PAIRS) + ((a >>> 8) & BYTE_PAIRS) + (b & BYTE_PAIRS) + ((b >>> 8) & BYTE_PAIRS) + (c & BYTE_PAIRS) + ((c >>> 8) & BYTE_PAIRS);
        const green = ((a >>> 8) & 255) + (b & 255) + (b >>> 24) + ((c >>> 16) & 255);
        sums[x]! += (lanes & 0xffff) + (lanes >>> 16) + green;
      }
    }
    // Math.round(sum / 64) for a non-negative integer sum.
    for (let x = 0, o = y * width; x < width; x++) out[o + x] = (sums[x]! + 32) >> 6;
  }
}

function mean(img: GreyImage): number {
  let s = 0;
  for (let i = 0; i < img.data.length; i++) s += img.data[i]!;
  return s / Math.max(1, img.data.length);
}

/**
 * Changed regions between `ref` and `cur` (same size). A global change of brightness (lights,
 * automatic exposure, flicker) is compensated by the ratio of the two means before differencing,
 * so only local changes remain; changed pixels are dilated by one pixel and grouped into boxes.
 */
export function detectMotion(ref: GreyImage, cur: GreyImage, opts: MotionOptions = DEFAULT_MOTION): Motion {
  const { width: w, height: h } = cur;
  if (ref.width !== w || ref.height !== h) return { boxes: [{ x1: 0, y1: 0, x2: 1, y2: 1 }], changedShare: 1 };
  const mRef = mean(ref);
  const mCur = mean(cur);
  const gain = mCur > 4 ? mRef / mCur : 1;
  const changed = new Uint8Array(w * h);
  let count = 0;
  for (let i = 0; i < changed.length; i++) {
    if (Math.abs(cur.data[i]! * gain - ref.data[i]!) > opts.threshold) {
      changed[i] = 1;
      count += 1;
    }
  }
  const boxes = count === 0 ? [] : regions(changed, w, h, opts.minPixels);
  return { boxes, changedShare: count / Math.max(1, changed.length), changed: { width: w, height: h, data: changed } };
}

/** Connected regions of the changed mask dilated by one pixel (8-neighbourhood), with enough changed pixels. */
function regions(changed: Uint8Array, w: number, h: number, minPixels: number): Box[] {
  const dilated = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!changed[y * w + x]) continue;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) dilated[yy * w + xx] = 1;
      }
    }
  }
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const boxes: Box[] = [];
  for (let start = 0; start < dilated.length; start++) {
    if (!dilated[start] || seen[start]) continue;
    let x1 = w;
    let y1 = h;
    let x2 = -1;
    let y2 = -1;
    let pixels = 0;
    let top = 0;
    seen[start] = 1;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top]!;
      const x = i % w;
      const y = (i - x) / w;
      pixels += changed[i]!;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
      // 4-neighbours of the dilated mask not yet seen.
      if (x > 0 && dilated[i - 1] && !seen[i - 1]) {
        seen[i - 1] = 1;
        stack[top++] = i - 1;
      }
      if (x < w - 1 && dilated[i + 1] && !seen[i + 1]) {
        seen[i + 1] = 1;
        stack[top++] = i + 1;
      }
      if (y > 0 && dilated[i - w] && !seen[i - w]) {
        seen[i - w] = 1;
        stack[top++] = i - w;
      }
      if (y < h - 1 && dilated[i + w] && !seen[i + w]) {
        seen[i + w] = 1;
        stack[top++] = i + w;
      }
    }
    if (pixels >= minPixels) boxes.push({ x1: x1 / w, y1: y1 / h, x2: (x2 + 1) / w, y2: (y2 + 1) / h });
  }
  return boxes;
}
