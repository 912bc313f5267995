/**
 * RGB24 frame -> float32 NCHW tensor of the model input size: letterbox, bilinear resize
 * (half-pixel centres, as OpenCV INTER_LINEAR), channel order and normalisation as parameters.
 */
import { computeLetterbox, type Letterbox } from './letterbox.ts';

export interface Normalisation {
  /** Order of the output channels: 'bgr' puts the frame's blue channel first. */
  readonly order: 'rgb' | 'bgr';
  /** Per output channel, in raw pixel units (0..255): out = (pixel - mean) / std. */
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  /** Raw pixel value (0..255) of the padding, before normalisation. */
  readonly padValue: number;
}

/** NanoDet's training normalisation: BGR order, ImageNet mean/std in 0..255 units. */
export const NANODET_NORMALISATION: Normalisation = {
  order: 'bgr',
  mean: [103.53, 116.28, 123.675],
  std: [57.375, 57.12, 58.395],
  padValue: 0,
};

/** Ultralytics YOLO: RGB / 255, grey padding 114. */
export const YOLO_NORMALISATION: Normalisation = { order: 'rgb', mean: [0, 0, 0], std: [255, 255, 255], padValue: 114 };

export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

export interface RgbImage extends FrameSize {
  readonly data: Uint8Array;
}

export interface Preprocessed {
  /** Length 3 * inputHeight * inputWidth, planar (NCHW with N = 1). */
  readonly tensor: Float32Array;
  readonly letterbox: Letterbox;
}

interface AxisPlan {
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly w1: Float32Array;
}

/** Source sample positions for each destination pixel along one axis. */
function axisPlan(srcLen: number, dstLen: number): AxisPlan {
  const i0 = new Int32Array(dstLen);
  const i1 = new Int32Array(dstLen);
  const w1 = new Float32Array(dstLen);
  const ratio = srcLen / dstLen;
  for (let d = 0; d < dstLen; d++) {
    const s = Math.min(srcLen - 1, Math.max(0, (d + 0.5) * ratio - 0.5));
    const f = Math.floor(s);
    i0[d] = f;
    i1[d] = Math.min(srcLen - 1, f + 1);
    w1[d] = s - f;
  }
  return { i0, i1, w1 };
}

export function checkFrameSize(img: RgbImage): void {
  const expected = img.width * img.height * 3;
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width <= 0 || img.height <= 0) {
    throw new RangeError(`frame size must be positive integers, got ${img.width}x${img.height}`);
  }
  if (img.data.length !== expected) {
    throw new RangeError(`frame ${img.width}x${img.height} RGB24 needs ${expected} bytes, got ${img.data.length}`);
  }
}

/** A part of the model input (input pixels): a pass on a window of the frame (window.ts). */
export interface InputWindow {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Writes the letterboxed, normalised tensor into `out` (allocated when omitted). With `window`,
 * only that part of the input (its values those of the whole input's tensor there), `window.width`
 * x `window.height`. Pure apart from filling `out`.
 */
export function preprocess(
  img: RgbImage,
  input: FrameSize,
  norm: Normalisation,
  out?: Float32Array,
  window: InputWindow = { x: 0, y: 0, width: input.width, height: input.height },
): Preprocessed {
  checkFrameSize(img);
  const plane = window.width * window.height;
  const tensor = out ?? new Float32Array(3 * plane);
  if (tensor.length !== 3 * plane) throw new RangeError(`output tensor needs ${3 * plane} floats, got ${tensor.length}`);
  const lb = computeLetterbox(img.width, img.height, input.width, input.height);
  const src = [0, 1, 2].map((c) => (norm.order === 'bgr' ? 2 - c : c));
  const scale = norm.std.map((s) => 1 / s);
  const bias = norm.mean.map((m, c) => -m * scale[c]!);
  for (let c = 0; c < 3; c++) tensor.fill(norm.padValue * scale[c]! + bias[c]!, c * plane, (c + 1) * plane);

  const xs = axisPlan(img.width, lb.scaledWidth);
  const ys = axisPlan(img.height, lb.scaledHeight);
  // The resized frame's rows and columns that fall in the window.
  const dy0 = Math.max(0, window.y - lb.padY);
  const dy1 = Math.min(lb.scaledHeight, window.y + window.height - lb.padY);
  const dx0 = Math.max(0, window.x - lb.padX);
  const dx1 = Math.min(lb.scaledWidth, window.x + window.width - lb.padX);
  const data = img.data;
  const rowStride = img.width * 3;
  for (let c = 0; c < 3; c++) {
    const sc = src[c]!;
    const k = scale[c]!;
    const b = bias[c]!;
    const planeOff = c * plane;
    for (let dy = dy0; dy < dy1; dy++) {
      const r0 = ys.i0[dy]! * rowStride + sc;
      const r1 = ys.i1[dy]! * rowStride + sc;
      const wy = ys.w1[dy]!;
      let o = planeOff + (dy + lb.padY - window.y) * window.width + dx0 + lb.padX - window.x;
      for (let dx = dx0; dx < dx1; dx++, o++) {
        const x0 = xs.i0[dx]! * 3;
        const x1 = xs.i1[dx]! * 3;
        const wx = xs.w1[dx]!;
        const top = data[r0 + x0]! + (data[r0 + x1]! - data[r0 + x0]!) * wx;
        const bot = data[r1 + x0]! + (data[r1 + x1]! - data[r1 + x0]!) * wx;
        tensor[o] = (top + (bot - top) * wy) * k + b;
      }
    }
  }
  return { tensor, letterbox: lb };
}
