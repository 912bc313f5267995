/**
 * The head scale read from the image itself, for crowds whose people are too small for the
 * detector to give a person scale (an overhead view of a packed square, a wide shot): per band of
 * rows, the root-mean-square of the scale-normalised Laplacian of Gaussian is computed at a range
 * of scales. A texture of heads of radius r has a clear maximum near sigma = r/√2 (the scale
 * selection of Lindeberg); smooth surfaces and scale-free clutter do not, and a band without a
 * clear maximum gets no blobs. Texture alone does not make a crowd (paving, gravel and foliage
 * have a scale too), so a band also has to move: its Laplacian at that scale must differ from the
 * one of a reference frame taken a moment earlier by a good part of its own energy. People shift,
 * sway and walk; paving does not. A perfectly still crowd of tiny people is therefore not counted
 * this way (documented in docs/events/crowd_density.md). Foliage in the wind and a passing car
 * move and have a texture too, but in a band here and there: the bands are used only when they
 * cover most of the crowd region's rows, as a packed crowd does (crowdTextureBands).
 */
import { downsample, greyDeviation, laplacianOfGaussian, MIN_FLOOR, type BlobBand, type GreyImage } from './blobs.ts';

export interface TextureScaleOptions {
  /** Blob scales measured (pixels of the analysed frame), ascending, a ratio of about 1.26 apart. The first and last only serve as flanks: a band's scale is one of the others. */
  readonly sigmas: readonly number[];
  /** Height of a band of rows (pixels). */
  readonly bandPx: number;
  /** The energy at the best scale must exceed this many times the energy at half and at double that scale. */
  readonly peakRatio: number;
  /**
   * Root-mean-square response at the best scale, as a share of the region's grey-level deviation:
   * below it the band is too flat to hold heads. Relative, so a dark crowd is judged like a bright one.
   */
  readonly minEnergyShare: number;
  /** Root-mean-square change of the response since the reference frame, as a fraction of the response. */
  readonly minMotion: number;
  /** crowdTextureBands: the bands must cover at least this fraction of the region's rows, or none is used. */
  readonly minCoverage: number;
}

export const DEFAULT_TEXTURE_SCALE: TextureScaleOptions = {
  sigmas: [0.5, 0.63, 0.8, 1, 1.27, 1.6, 2, 2.5, 3.2, 4, 5, 6.4, 8],
  bandPx: 24,
  peakRatio: 1.2,
  minEnergyShare: 0.15,
  minMotion: 0.6,
  minCoverage: 0.5,
};

/** A band with a clear blob scale, and the figures behind the decision. */
export interface TextureBand extends BlobBand {
  /** Root-mean-square response at the chosen scale. */
  readonly energy: number;
  /** Energy at the chosen scale over the larger of the energies at half and double scale. */
  readonly peak: number;
  /** Change since the reference frame over the response (0: identical, about 1.4: unrelated). */
  readonly motion: number;
}

/** Downsampling factor that keeps a scale at one pixel or more of the working image (as findBlobs does). */
function factorFor(sigma: number): number {
  let f = 1;
  while (sigma / (2 * f) >= 1 && f < 8) f *= 2;
  return f;
}

/** The Laplacian response at one scale, on the image box-downsampled by the factor the scale allows. */
function responseAt(img: GreyImage, sigma: number): { readonly resp: Float32Array; readonly f: number; readonly width: number } {
  const f = factorFor(sigma);
  const small = f === 1 ? img : downsample(img, 0, img.height, f);
  return { resp: laplacianOfGaussian(small, sigma / f), f, width: small.width };
}

/** Sum of squares of `a` (or of a - b) over the working-image rows that fall in [y0, y1) of the full image. */
function sumSquares(a: Float32Array, b: Float32Array | null, width: number, f: number, y0: number, y1: number): { sum: number; n: number } {
  const r0 = Math.floor(y0 / f);
  const r1 = Math.max(r0 + 1, Math.floor(y1 / f));
  const rows = Math.floor(a.length / width);
  let sum = 0;
  let n = 0;
  for (let r = r0; r < Math.min(r1, rows); r++) {
    for (let i = r * width; i < (r + 1) * width; i++) {
      const v = b ? a[i]! - b[i]! : a[i]!;
      sum += v * v;
      n++;
    }
  }
  return { sum, n };
}

/**
 * The bands of `img` with a clear, moving blob texture, each with its scale. `ref` is the same
 * region a moment earlier (same size); without it nothing can be shown to move and no band is kept.
 */
export function textureBands(img: GreyImage, ref: GreyImage | null, opts: TextureScaleOptions = DEFAULT_TEXTURE_SCALE): TextureBand[] {
  if (!ref || ref.width !== img.width || ref.height !== img.height) return [];
  const { sigmas } = opts;
  const responses = sigmas.map((s) => responseAt(img, s));
  const minEnergy = Math.max(MIN_FLOOR, opts.minEnergyShare * greyDeviation(img));
  const out: TextureBand[] = [];
  for (let y0 = 0; y0 < img.height; y0 += opts.bandPx) {
    const y1 = Math.min(img.height, y0 + opts.bandPx);
    const energy = responses.map(({ resp, f, width }) => {
      const { sum, n } = sumSquares(resp, null, width, f, y0, y1);
      return n > 0 ? Math.sqrt(sum / n) : 0;
    });
    let k = 0;
    for (let i = 1; i < energy.length; i++) if (energy[i]! > energy[k]!) k = i;
    if (k === 0 || k === sigmas.length - 1 || energy[k]! < minEnergy) continue;
    const sigma = sigmas[k]!;
    const nearest = (target: number): number => sigmas.reduce((best, s, i) => (Math.abs(Math.log(s / target)) < Math.abs(Math.log(sigmas[best]! / target)) ? i : best), 0);
    const peak = energy[k]! / Math.max(energy[nearest(sigma / 2)]!, energy[nearest(sigma * 2)]!);
    if (peak < opts.peakRatio) continue;
    const now = responses[k]!;
    const before = responseAt(ref, sigma);
    const change = sumSquares(now.resp, before.resp, now.width, now.f, y0, y1);
    const own = sumSquares(now.resp, null, now.width, now.f, y0, y1);
    const motion = own.sum > 0 ? Math.sqrt(change.sum / own.sum) : 0;
    if (motion < opts.minMotion) continue;
    out.push({ y0, y1, sigma, energy: energy[k]!, peak, motion });
  }
  return out;
}

/** The moving blob texture of a packed crowd: textureBands, kept only when they cover most of the region's rows. */
export function crowdTextureBands(img: GreyImage, ref: GreyImage | null, opts: TextureScaleOptions = DEFAULT_TEXTURE_SCALE): TextureBand[] {
  const bands = textureBands(img, ref, opts);
  const rows = bands.reduce((n, b) => n + b.y1 - b.y0, 0);
  return rows >= opts.minCoverage * img.height ? bands : [];
}
