/**
 * Large-motion rescue for the Lucas-Kanade field. LK's coarse-to-fine search loses objects that move
 * more than about their own width between two frames, and at 5 fps a running person moves one to
 * two body widths (scale-free: it holds near or far from the camera). Where LK's result leaves a
 * large residual (the warped next frame does not match the previous one) an exhaustive integer block
 * search over +-searchPx finds the displacement; each pixel of the block then keeps whichever of the
 * two vectors explains its own intensity clearly better. Costs only where LK failed: almost nothing
 * in an ordinary scene.
 */
import type { GreyImage } from './grey.ts';

export interface BlockMatchOptions {
  /** Side of the square blocks, grid pixels. */
  readonly blockPx: number;
  /** Search range, grid pixels each way. */
  readonly searchPx: number;
  /** Mean absolute residual (unit-variance images) above which a block is searched. */
  readonly minResidual: number;
  /** A pixel takes the block vector when its residual is lower by at least this much. */
  readonly margin: number;
  /**
   * The block's best match must be this good (mean absolute residual): a block that has no true
   * match (background about to be covered by the mover: occlusion) finds only a spurious one.
   */
  readonly maxMatchResidual: number;
}

export const DEFAULT_BLOCK_MATCH: BlockMatchOptions = { blockPx: 6, searchPx: 12, minResidual: 0.3, margin: 0.15, maxMatchResidual: 0.2 };

/** |next(x + u, y + v) - prev(x, y)|, nearest neighbour, clamped at the borders. */
function residualAt(prev: GreyImage, next: GreyImage, x: number, y: number, u: number, v: number): number {
  const { width: w, height: h } = prev;
  const sx = Math.min(w - 1, Math.max(0, Math.round(x + u)));
  const sy = Math.min(h - 1, Math.max(0, Math.round(y + v)));
  return Math.abs(next.data[sy * w + sx]! - prev.data[y * w + x]!);
}

/** Sum of absolute differences of the block at (bx, by) displaced by (du, dv); stops once over `bound`. */
function sad(prev: GreyImage, next: GreyImage, bx: number, by: number, size: number, du: number, dv: number, bound: number): number {
  const { width: w, height: h } = prev;
  const x1 = Math.min(w, bx + size);
  const y1 = Math.min(h, by + size);
  if (by + dv < 0 || y1 - 1 + dv >= h || bx + du < 0 || x1 - 1 + du >= w) return Infinity;
  const p = prev.data;
  const q = next.data;
  let sum = 0;
  for (let y = by; y < y1 && sum < bound; y++) {
    const row = y * w;
    const shifted = (y + dv) * w + du;
    for (let x = bx; x < x1; x++) sum += Math.abs(q[shifted + x]! - p[row + x]!);
  }
  return sum;
}

/**
 * Best integer displacement of the block at (bx, by) within +-range: every second offset first
 * (the smoothed images make the error surface smooth enough), then the 8 neighbours of the best.
 * Ties go to the smaller displacement. Returns [du, dv, sad].
 */
function searchBlock(prev: GreyImage, next: GreyImage, bx: number, by: number, size: number, range: number): [number, number, number] {
  let best: [number, number, number] = [0, 0, sad(prev, next, bx, by, size, 0, 0, Infinity)];
  const consider = (du: number, dv: number): void => {
    const s = sad(prev, next, bx, by, size, du, dv, best[2] + 1e-9);
    if (s < best[2] || (s === best[2] && du * du + dv * dv < best[0] * best[0] + best[1] * best[1])) best = [du, dv, s];
  };
  for (let dv = -range; dv <= range; dv += 2) for (let du = -range; du <= range; du += 2) consider(du, dv);
  const [cu, cv] = best;
  for (let dv = cv - 1; dv <= cv + 1; dv++) for (let du = cu - 1; du <= cu + 1; du++) if (du !== cu || dv !== cv) consider(du, dv);
  return best;
}

/** Mean |next(p + d) - prev(p)| over the 3x3 patch around (x, y): steadier than one pixel to pick a vector. */
function patchResidual(prev: GreyImage, next: GreyImage, x: number, y: number, u: number, v: number): number {
  const { width: w, height: h } = prev;
  let sum = 0;
  let n = 0;
  for (let j = Math.max(0, y - 1); j <= Math.min(h - 1, y + 1); j++) {
    for (let i = Math.max(0, x - 1); i <= Math.min(w - 1, x + 1); i++, n++) sum += residualAt(prev, next, i, j, u, v);
  }
  return sum / n;
}

/**
 * Rescues the blocks where the flow (u, v, modified in place) leaves a large residual; returns how
 * many were searched. Two passes: each such block searches its own best vector (kept only if it
 * truly matches); then every pixel of those blocks picks, among its current vector and the kept
 * vectors of its block and the 8 neighbouring ones, the one that best explains its 3x3 patch (so a
 * mover cut by the block grid still gets its vector), if clearly better than the current one.
 */
export function rescueLargeMotion(
  prev: GreyImage,
  next: GreyImage,
  u: Float32Array,
  v: Float32Array,
  opts: BlockMatchOptions = DEFAULT_BLOCK_MATCH,
): number {
  const { width: w, height: h } = prev;
  const size = opts.blockPx;
  const cols = Math.ceil(w / size);
  const rows = Math.ceil(h / size);
  const failing: number[] = [];
  const found = new Map<number, readonly [number, number]>();
  for (let b = 0; b < cols * rows; b++) {
    const bx = (b % cols) * size;
    const by = Math.floor(b / cols) * size;
    const x1 = Math.min(w, bx + size);
    const y1 = Math.min(h, by + size);
    let sum = 0;
    for (let y = by; y < y1; y++) for (let x = bx; x < x1; x++) sum += residualAt(prev, next, x, y, u[y * w + x]!, v[y * w + x]!);
    if (sum / ((x1 - bx) * (y1 - by)) < opts.minResidual) continue;
    failing.push(b);
    const [du, dv, sad] = searchBlock(prev, next, bx, by, size, opts.searchPx);
    if (sad / ((x1 - bx) * (y1 - by)) <= opts.maxMatchResidual) found.set(b, [du, dv]);
  }
  for (const b of failing) {
    const bc = b % cols;
    const br = Math.floor(b / cols);
    const candidates: (readonly [number, number])[] = [];
    for (let j = Math.max(0, br - 1); j <= Math.min(rows - 1, br + 1); j++) {
      for (let i = Math.max(0, bc - 1); i <= Math.min(cols - 1, bc + 1); i++) {
        const c = found.get(j * cols + i);
        if (c) candidates.push(c);
      }
    }
    if (candidates.length === 0) continue;
    for (let y = br * size; y < Math.min(h, (br + 1) * size); y++) {
      for (let x = bc * size; x < Math.min(w, (bc + 1) * size); x++) {
        const i = y * w + x;
        let best = patchResidual(prev, next, x, y, u[i]!, v[i]!) - opts.margin;
        for (const [du, dv] of candidates) {
          const r = patchResidual(prev, next, x, y, du, dv);
          if (r < best) {
            best = r;
            u[i] = du;
            v[i] = dv;
          }
        }
      }
    }
  }
  return failing.length;
}
