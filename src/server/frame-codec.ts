/**
 * The evidence ring's codec for frames that come without the decoder's JPEG (`Frame.evidence`:
 * privacy-masked cameras, a JPEG that never came; clip-recorder.ts): an RGB24 frame is stored as YUV 4:2:0 (BT.601, limited range:
 * what ffmpeg's rgb24 -> yuv420p conversion gives, and the clip is H.264 yuv420p anyway), its luma
 * kept to 7 bits (at most 1 level off in 219), each plane predicted from its neighbours (the
 * median edge detector of LOCO-I) and the residuals deflated (level 1, run-length strategy) in
 * zlib's thread pool. Everything after the 4:2:0 conversion and the luma's lowest bit is lossless:
 * unpack(pack(f)) gives back exactly `quantisedYuv420(f)`. A 640x480 frame of noisy real footage
 * packs to ~160 KB (921 KB raw); the conversion and prediction take 4-8 ms of CPU on the calling
 * thread, the deflate 3-6 ms in the pool (docs/benchmarks.md, `src/server/measure-ring.ts`).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  /** width * height * 3 bytes, RGB24. */
  readonly data: Uint8Array;
}

/** A YUV 4:2:0 planar frame (Y, then U, then V; chroma planes ceil(w/2) x ceil(h/2)). */
export interface Yuv420Frame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface PackedFrame {
  readonly width: number;
  readonly height: number;
  /** Deflated (raw, no header) residual planes. */
  readonly bytes: Buffer;
}

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);
const DEFLATE: zlib.ZlibOptions = { level: 1, strategy: zlib.constants.Z_RLE };

interface Plane {
  readonly offset: number;
  readonly width: number;
  readonly height: number;
}

function planesOf(width: number, height: number): readonly [Plane, Plane, Plane] {
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  const luma = width * height;
  return [
    { offset: 0, width, height },
    { offset: luma, width: cw, height: ch },
    { offset: luma + cw * ch, width: cw, height: ch },
  ];
}

export function yuv420Size(width: number, height: number): number {
  return width * height + 2 * ((width + 1) >> 1) * ((height + 1) >> 1);
}

/**
 * RGB24 -> YUV 4:2:0, BT.601 limited range in 8-bit integer arithmetic (Y 16..235, U/V 16..240),
 * chroma from the average of each 2x2 block (the last row / column repeated when odd).
 */
export function rgbToYuv420(frame: RgbFrame): Yuv420Frame {
  const { width: w, height: h, data: rgb } = frame;
  if (rgb.length !== w * h * 3) throw new RangeError(`an RGB24 frame of ${w}x${h} has ${w * h * 3} bytes, got ${rgb.length}`);
  const [, pu, pv] = planesOf(w, h);
  const out = new Uint8Array(yuv420Size(w, h));
  for (let i = 0, p = 0; i < w * h; i++, p += 3) out[i] = ((66 * rgb[p]! + 129 * rgb[p + 1]! + 25 * rgb[p + 2]! + 128) >> 8) + 16;
  for (let y = 0; y < pu.height; y++) {
    const row0 = 2 * y * w;
    const row1 = Math.min(h - 1, 2 * y + 1) * w;
    for (let x = 0; x < pu.width; x++) {
      const x0 = 2 * x;
      const x1 = Math.min(w - 1, x0 + 1);
      const a = (row0 + x0) * 3;
      const b = (row0 + x1) * 3;
      const c = (row1 + x0) * 3;
      const d = (row1 + x1) * 3;
      const r = rgb[a]! + rgb[b]! + rgb[c]! + rgb[d]!;
      const g = rgb[a + 1]! + rgb[b + 1]! + rgb[c + 1]! + rgb[d + 1]!;
      const bl = rgb[a + 2]! + rgb[b + 2]! + rgb[c + 2]! + rgb[d + 2]!;
      out[pu.offset + y * pu.width + x] = ((-38 * r - 74 * g + 112 * bl + 512) >> 10) + 128;
      out[pv.offset + y * pv.width + x] = ((112 * r - 94 * g - 18 * bl + 512) >> 10) + 128;
    }
  }
  return { width: w, height: h, data: out };
}

/** The luma's lowest bit dropped (set to 1: at most 1 level off), in place. */
export function quantiseLuma(yuv: Yuv420Frame): Yuv420Frame {
  const n = yuv.width * yuv.height;
  for (let i = 0; i < n; i++) yuv.data[i] = yuv.data[i]! | 1;
  return yuv;
}

/** What the ring gives back for an RGB frame: its YUV 4:2:0 with the luma's lowest bit set. */
export function quantisedYuv420(frame: RgbFrame): Yuv420Frame {
  return quantiseLuma(rgbToYuv420(frame));
}

/**
 * Residuals of one plane (mod 256) with LOCO-I's median edge detector from the left (a), upper (b)
 * and upper-left (c) samples; first row from the left, first column from above. `shift` divides
 * the samples first (1 for the 7-bit luma).
 */
function predictPlane(src: Uint8Array, dst: Uint8Array, p: Plane, shift: number): void {
  const { offset: o, width: w, height: h } = p;
  dst[o] = src[o]! >> shift;
  for (let x = 1; x < w; x++) dst[o + x] = ((src[o + x]! >> shift) - (src[o + x - 1]! >> shift)) & 255;
  for (let y = 1; y < h; y++) {
    const r = o + y * w;
    dst[r] = ((src[r]! >> shift) - (src[r - w]! >> shift)) & 255;
    for (let i = r + 1; i < r + w; i++) {
      const a = src[i - 1]! >> shift;
      const b = src[i - w]! >> shift;
      const c = src[i - w - 1]! >> shift;
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      dst[i] = ((src[i]! >> shift) - (c >= hi ? lo : c <= lo ? hi : a + b - c)) & 255;
    }
  }
}

/** Inverse of predictPlane, in place: residuals -> samples (shifted back, lowest bits set). */
function reconstructPlane(buf: Uint8Array, p: Plane, shift: number): void {
  const { offset: o, width: w, height: h } = p;
  const mask = (1 << shift) - 1;
  // Work on the shifted samples first (exactly the predictor's values), then shift back.
  for (let x = 1; x < w; x++) buf[o + x] = (buf[o + x]! + buf[o + x - 1]!) & 255;
  for (let y = 1; y < h; y++) {
    const r = o + y * w;
    buf[r] = (buf[r]! + buf[r - w]!) & 255;
    for (let i = r + 1; i < r + w; i++) {
      const a = buf[i - 1]!;
      const b = buf[i - w]!;
      const c = buf[i - w - 1]!;
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      buf[i] = (buf[i]! + (c >= hi ? lo : c <= lo ? hi : a + b - c)) & 255;
    }
  }
  if (shift > 0) for (let i = o; i < o + w * h; i++) buf[i] = (buf[i]! << shift) | mask;
}

/** Residual planes of a YUV 4:2:0 frame, its luma taken to 7 bits. */
export function toResiduals(yuv: Yuv420Frame): Uint8Array {
  const [py, pu, pv] = planesOf(yuv.width, yuv.height);
  const out = new Uint8Array(yuv.data.length);
  predictPlane(yuv.data, out, py, 1);
  predictPlane(yuv.data, out, pu, 0);
  predictPlane(yuv.data, out, pv, 0);
  return out;
}

/** Inverse of toResiduals, in place. */
export function fromResiduals(width: number, height: number, residuals: Uint8Array): Yuv420Frame {
  if (residuals.length !== yuv420Size(width, height)) throw new RangeError(`${width}x${height} YUV 4:2:0 has ${yuv420Size(width, height)} bytes, got ${residuals.length}`);
  const [py, pu, pv] = planesOf(width, height);
  reconstructPlane(residuals, py, 1);
  reconstructPlane(residuals, pu, 0);
  reconstructPlane(residuals, pv, 0);
  return { width, height, data: residuals };
}

/** Converts and predicts on the calling thread, deflates in zlib's pool. */
export async function packFrame(frame: RgbFrame): Promise<PackedFrame> {
  const residuals = toResiduals(rgbToYuv420(frame));
  return { width: frame.width, height: frame.height, bytes: await deflateRaw(residuals, DEFLATE) };
}

/** Inflates in zlib's pool, reconstructs on the calling thread: exactly quantisedYuv420(frame). */
export async function unpackFrame(packed: PackedFrame): Promise<Yuv420Frame> {
  const residuals = await inflateRaw(packed.bytes);
  return fromResiduals(packed.width, packed.height, new Uint8Array(residuals.buffer, residuals.byteOffset, residuals.length));
}
