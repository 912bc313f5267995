/**
 * Grey images for optical flow: an area-averaged downscale of an RGB24 frame, normalised to zero
 * mean and unit standard deviation so that a global change of brightness or contrast (lights
 * switched on, auto-exposure, clouds) leaves the image, and hence the flow, unchanged.
 */

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/**
 * Luma of an RGB24 frame averaged into a `outWidth`-pixel-wide grid (height keeps the aspect).
 * Every source pixel of every second row and column is used: at 640 -> 160 each output pixel
 * still averages 4 samples of a 4x4 block, for a quarter of the cost.
 */
export function downscaleGrey(rgb: Uint8Array, width: number, height: number, outWidth: number): GreyImage {
  const ow = Math.max(1, Math.min(width, Math.round(outWidth)));
  const oh = Math.max(1, Math.round((height * ow) / width));
  const sum = new Float32Array(ow * oh);
  const count = new Uint16Array(ow * oh);
  const step = width >= ow * 4 && height >= oh * 4 ? 2 : 1;
  const colBin = new Int32Array(width);
  for (let x = 0; x < width; x++) colBin[x] = Math.min(ow - 1, Math.floor((x * ow) / width));
  for (let y = 0; y < height; y += step) {
    const row = Math.min(oh - 1, Math.floor((y * oh) / height)) * ow;
    let p = y * width * 3;
    for (let x = 0; x < width; x += step, p += 3 * step) {
      const i = row + colBin[x]!;
      sum[i]! += 0.299 * rgb[p]! + 0.587 * rgb[p + 1]! + 0.114 * rgb[p + 2]!;
      count[i]! += 1;
    }
  }
  for (let i = 0; i < sum.length; i++) sum[i] = count[i]! > 0 ? sum[i]! / count[i]! : 0;
  return { width: ow, height: oh, data: sum };
}

/** The image shifted and scaled to zero mean and unit standard deviation (all zeros if flat). */
export function normalise(img: GreyImage): GreyImage {
  const d = img.data;
  let mean = 0;
  for (let i = 0; i < d.length; i++) mean += d[i]!;
  mean /= d.length;
  let variance = 0;
  for (let i = 0; i < d.length; i++) variance += (d[i]! - mean) ** 2;
  const std = Math.sqrt(variance / d.length);
  const out = new Float32Array(d.length);
  if (std > 1e-3) for (let i = 0; i < d.length; i++) out[i] = (d[i]! - mean) / std;
  return { width: img.width, height: img.height, data: out };
}

/** Half-size image by 2x2 averaging (odd last row or column dropped). */
export function halve(img: GreyImage): GreyImage {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const out = new Float32Array(w * h);
  const s = img.data;
  const sw = img.width;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = 2 * y * sw + 2 * x;
      out[y * w + x] = 0.25 * (s[p]! + s[p + 1]! + s[p + sw]! + s[p + sw + 1]!);
    }
  }
  return { width: w, height: h, data: out };
}

/** Gaussian-like pyramid, finest first; stops before a side drops under `minSide` pixels. */
export function pyramid(img: GreyImage, levels: number, minSide = 12): GreyImage[] {
  const out = [img];
  while (out.length < levels) {
    const top = out[out.length - 1]!;
    if ((top.width >> 1) < minSide || (top.height >> 1) < minSide) break;
    out.push(halve(top));
  }
  return out;
}

/** Separable [1 4 6 4 1] / 16 smoothing (edges replicated): removes the texture that aliases at this scale. */
export function smooth(img: GreyImage): GreyImage {
  const { width: w, height: h, data: s } = img;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const k = [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16] as const;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let j = -2; j <= 2; j++) acc += k[j + 2]! * s[y * w + Math.min(w - 1, Math.max(0, x + j))]!;
      tmp[y * w + x] = acc;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let j = -2; j <= 2; j++) acc += k[j + 2]! * tmp[Math.min(h - 1, Math.max(0, y + j)) * w + x]!;
      out[y * w + x] = acc;
    }
  }
  return { width: w, height: h, data: out };
}
