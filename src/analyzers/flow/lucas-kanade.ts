/**
 * Dense pyramidal Lucas-Kanade optical flow on small grey images (typed arrays, no allocation per
 * pixel). At every pixel it solves the 2x2 LK system over a square window, with a local brightness
 * offset eliminated (the window means of the gradients and of the temporal difference are
 * subtracted), so a lighting change that is smooth over the window does not read as motion.
 * Coarse-to-fine over a pyramid with a few warping iterations per level handles displacements of
 * several pixels. Pixels whose window has too little texture (small minimum eigenvalue of the
 * structure tensor) are marked invalid: their flow is unreliable (aperture problem, flat areas).
 */
import { pyramid, type GreyImage } from './grey.ts';

export interface FlowField {
  readonly width: number;
  readonly height: number;
  /** Displacement from the previous to the next image, pixels of this grid. */
  readonly u: Float32Array;
  readonly v: Float32Array;
  /** 1 where the window is textured enough for the flow to be trusted. */
  readonly valid: Uint8Array;
}

export interface LkOptions {
  /** Pyramid levels, finest included. 3 levels follow textured regions up to ~8 px a frame, small objects ~half their width. */
  readonly levels: number;
  /** Half side of the LK window: 2 -> 5x5. */
  readonly windowRadius: number;
  /** Warping iterations on the coarser levels. */
  readonly iterations: number;
  /**
   * Warping iterations on the finest level, the costliest. 0 skips that level altogether: the
   * half-size solution is carried up (nearest neighbour), validity included.
   */
  readonly finestIterations: number;
  /** Minimum eigenvalue of the (mean) structure tensor, for unit-variance images. */
  readonly minEigen: number;
}

/**
 * Defaults for the 160 px flow grid: the flow is solved on the 80 and 40 px levels only (the 160 px
 * level costs two thirds of the total and changed no decision on the dev footage); fast movers are
 * then re-measured at 160 px by block-match.ts.
 */
export const DEFAULT_LK: LkOptions = { levels: 3, windowRadius: 2, iterations: 3, finestIterations: 0, minEigen: 0.01 };

/**
 * Reusable buffers, by name and size: a camera's flow allocates its arrays once, not at every frame
 * (the garbage collector was a tenth of the cost). Arrays handed out are overwritten by the next use.
 */
export interface Workspace {
  f32(name: string, n: number): Float32Array;
}

export function createWorkspace(): Workspace {
  const pool = new Map<string, Float32Array>();
  return {
    f32(name, n) {
      const key = `${name}:${n}`;
      let a = pool.get(key);
      if (!a) pool.set(key, (a = new Float32Array(n)));
      return a;
    },
  };
}

const inverseCountsCache = new Map<string, Float32Array>();

/** 1 / (number of window positions inside [0, len)) for each position, the window shrinking at the borders. */
function inverseCounts(len: number, r: number): Float32Array {
  const key = `${len}:${r}`;
  const hit = inverseCountsCache.get(key);
  if (hit) return hit;
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) out[i] = 1 / (Math.min(len - 1, i + r) - Math.max(0, i - r) + 1);
  if (inverseCountsCache.size < 64) inverseCountsCache.set(key, out);
  return out;
}

/**
 * Mean over a (2r+1)^2 window, the window shrinking at the borders. Two running-sum passes, both
 * walking memory in order (the vertical one keeps a running sum per column). `tmp` is scratch.
 */
export function boxMean(src: Float32Array, w: number, h: number, r: number, out: Float32Array, tmp: Float32Array): void {
  const invX = inverseCounts(w, r);
  const invY = inverseCounts(h, r);
  // Horizontal: grow the window on the left border, slide it in the middle, shrink it on the right.
  const grow = Math.min(r + 1, w);
  const slideEnd = Math.max(grow, w - r);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let s = 0;
    for (let x = 0; x < Math.min(r, w); x++) s += src[row + x]!;
    let x = 0;
    for (; x < grow; x++) {
      if (x + r < w) s += src[row + x + r]!;
      tmp[row + x] = s * invX[x]!;
    }
    for (; x < slideEnd; x++) {
      s += src[row + x + r]! - src[row + x - r - 1]!;
      tmp[row + x] = s * invX[x]!;
    }
    for (; x < w; x++) {
      if (x + r < w) s += src[row + x + r]!;
      s -= src[row + x - r - 1]!;
      tmp[row + x] = s * invX[x]!;
    }
  }
  // Vertical: a running sum per column, walking the rows in order.
  const acc = new Float64Array(w);
  for (let y = 0; y < Math.min(r, h); y++) for (let x = 0, p = y * w; x < w; x++, p++) acc[x]! += tmp[p]!;
  for (let y = 0; y < h; y++) {
    if (y + r < h) for (let x = 0, p = (y + r) * w; x < w; x++, p++) acc[x]! += tmp[p]!;
    if (y > r) for (let x = 0, p = (y - r - 1) * w; x < w; x++, p++) acc[x]! -= tmp[p]!;
    const k = invY[y]!;
    for (let x = 0, p = y * w; x < w; x++, p++) out[p] = acc[x]! * k;
  }
}

function gradients(img: GreyImage, ws: Workspace): { gx: Float32Array; gy: Float32Array } {
  const { width: w, height: h, data: d } = img;
  const gx = ws.f32('gx', w * h);
  const gy = ws.f32('gy', w * h);
  for (let y = 0; y < h; y++) {
    const ym = y > 0 ? y - 1 : y;
    const yp = y < h - 1 ? y + 1 : y;
    for (let x = 0; x < w; x++) {
      const xm = x > 0 ? x - 1 : x;
      const xp = x < w - 1 ? x + 1 : x;
      gx[y * w + x] = (d[y * w + xp]! - d[y * w + xm]!) / (xp - xm || 1);
      gy[y * w + x] = (d[yp * w + x]! - d[ym * w + x]!) / (yp - ym || 1);
    }
  }
  return { gx, gy };
}

/** Bilinear sample of `img` at (x + u, y + v) minus img0, for every pixel: the temporal difference. */
function warpDiff(i0: GreyImage, i1: GreyImage, u: Float32Array, v: Float32Array, out: Float32Array): void {
  const { width: w, height: h } = i0;
  const a = i1.data;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      const sx = Math.min(w - 1.001, Math.max(0, x + u[i]!));
      const sy = Math.min(h - 1.001, Math.max(0, y + v[i]!));
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const p = y0 * w + x0;
      const top = a[p]! + fx * (a[p + 1]! - a[p]!);
      const bottom = a[p + w]! + fx * (a[p + w + 1]! - a[p + w]!);
      out[i] = top + fy * (bottom - top) - i0.data[i]!;
    }
  }
}

const MAX_STEP_PX = 2;
const clamp = (d: number): number => (d > MAX_STEP_PX ? MAX_STEP_PX : d < -MAX_STEP_PX ? -MAX_STEP_PX : d);

interface Level {
  readonly u: Float32Array;
  readonly v: Float32Array;
  readonly minEig: Float32Array;
}

function refineLevel(i0: GreyImage, i1: GreyImage, u: Float32Array, v: Float32Array, o: LkOptions, iterations: number, ws: Workspace): Level {
  const { width: w, height: h } = i0;
  const n = w * h;
  const r = o.windowRadius;
  const { gx, gy } = gradients(i0, ws);
  const tmp = ws.f32('tmp', n);
  const prod = ws.f32('prod', n);
  const mean = (src: Float32Array, name: string): Float32Array => {
    const out = ws.f32(name, n);
    boxMean(src, w, h, r, out, tmp);
    return out;
  };
  const mx = mean(gx, 'mx');
  const my = mean(gy, 'my');
  for (let i = 0; i < n; i++) prod[i] = gx[i]! * gx[i]!;
  const gxx = mean(prod, 'gxx');
  for (let i = 0; i < n; i++) prod[i] = gx[i]! * gy[i]!;
  const gxy = mean(prod, 'gxy');
  for (let i = 0; i < n; i++) prod[i] = gy[i]! * gy[i]!;
  const gyy = mean(prod, 'gyy');
  const minEig = ws.f32('minEig', n);
  for (let i = 0; i < n; i++) {
    const a = gxx[i]! - mx[i]! * mx[i]!;
    const b = gxy[i]! - mx[i]! * my[i]!;
    const c = gyy[i]! - my[i]! * my[i]!;
    gxx[i] = a;
    gxy[i] = b;
    gyy[i] = c;
    minEig[i] = (a + c - Math.sqrt((a - c) * (a - c) + 4 * b * b)) / 2;
  }
  // Farneback's trick: each pixel's equation is written for the absolute displacement (its own
  // current estimate plus its residual), so that overlapping windows average estimates instead of
  // differencing them; the plain incremental form is unstable when the flow varies in space.
  // lambda damps the update where the window lacks texture, keeping the current estimate there.
  const lambda = o.minEigen * 0.5;
  const it = ws.f32('it', n);
  const res = ws.f32('res', n);
  const bx = ws.f32('bx', n);
  const by = ws.f32('by', n);
  const mr = ws.f32('mr', n);
  for (let k = 0; k < iterations; k++) {
    warpDiff(i0, i1, u, v, it);
    for (let i = 0; i < n; i++) res[i] = gx[i]! * u[i]! + gy[i]! * v[i]! - it[i]!;
    boxMean(res, w, h, r, mr, tmp);
    for (let i = 0; i < n; i++) prod[i] = gx[i]! * res[i]!;
    boxMean(prod, w, h, r, bx, tmp);
    for (let i = 0; i < n; i++) prod[i] = gy[i]! * res[i]!;
    boxMean(prod, w, h, r, by, tmp);
    for (let i = 0; i < n; i++) {
      const ex = bx[i]! - mx[i]! * mr[i]! + lambda * u[i]!;
      const ey = by[i]! - my[i]! * mr[i]! + lambda * v[i]!;
      const a = gxx[i]! + lambda;
      const c = gyy[i]! + lambda;
      const det = a * c - gxy[i]! * gxy[i]!;
      // One step moves at most MAX_STEP_PX: a bad linearisation must not throw the estimate away.
      u[i] = u[i]! + clamp((c * ex - gxy[i]! * ey) / det - u[i]!);
      v[i] = v[i]! + clamp((a * ey - gxy[i]! * ex) / det - v[i]!);
    }
  }
  return { u, v, minEig };
}

/** A coarse level's values carried to the next finer one (nearest neighbour), times `scale` (2 for flow). */
function upsample(u: Float32Array, cw: number, ch: number, w: number, h: number, out: Float32Array, scale: number): Float32Array {
  for (let y = 0; y < h; y++) {
    const cy = Math.min(ch - 1, y >> 1);
    for (let x = 0; x < w; x++) out[y * w + x] = scale * u[cy * cw + Math.min(cw - 1, x >> 1)]!;
  }
  return out;
}

/**
 * Dense flow from `prev` to `next` (same size, ideally normalised with grey.normalise). With a
 * shared `ws`, the returned arrays live in it and are overwritten by the next call.
 */
export function denseFlow(prev: GreyImage, next: GreyImage, opts: LkOptions = DEFAULT_LK, ws: Workspace = createWorkspace()): FlowField {
  const p0 = pyramid(prev, opts.levels);
  const p1 = pyramid(next, p0.length);
  let u: Float32Array = new Float32Array(0);
  let v: Float32Array = new Float32Array(0);
  let minEig: Float32Array = new Float32Array(0);
  // With finestIterations 0 the finest level is not solved at all: the half-size solution is carried up.
  const last = opts.finestIterations > 0 || p0.length === 1 ? 0 : 1;
  for (let l = p0.length - 1; l >= last; l--) {
    const i0 = p0[l]!;
    const n = i0.width * i0.height;
    if (l === p0.length - 1) {
      u = ws.f32('u', n).fill(0);
      v = ws.f32('v', n).fill(0);
    } else {
      const c = p0[l + 1]!;
      u = upsample(u, c.width, c.height, i0.width, i0.height, ws.f32('u', n), 2);
      v = upsample(v, c.width, c.height, i0.width, i0.height, ws.f32('v', n), 2);
    }
    ({ u, v, minEig } = refineLevel(i0, p1[l]!, u, v, opts, l === 0 ? opts.finestIterations : opts.iterations, ws));
  }
  if (last === 1) {
    const c = p0[1]!;
    const n = prev.width * prev.height;
    u = upsample(u, c.width, c.height, prev.width, prev.height, ws.f32('u', n), 2);
    v = upsample(v, c.width, c.height, prev.width, prev.height, ws.f32('v', n), 2);
    minEig = upsample(minEig, c.width, c.height, prev.width, prev.height, ws.f32('minEigUp', n), 1);
  }
  const valid = new Uint8Array(u.length);
  for (let i = 0; i < u.length; i++) valid[i] = minEig[i]! >= opts.minEigen && Number.isFinite(u[i]!) && Number.isFinite(v[i]!) ? 1 : 0;
  return { width: prev.width, height: prev.height, u, v, valid };
}
