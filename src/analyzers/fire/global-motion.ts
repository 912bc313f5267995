/**
 * Whole-frame translation between two lumas (camera shake, a handheld camera), by exhaustive
 * block matching on a sparse grid: the integer shift (dx, dy) with the smallest mean absolute
 * difference, such that cur(x, y) ~ prev(x - dx, y - dy).
 */

export interface GlobalShift {
  readonly dx: number;
  readonly dy: number;
  /** Mean |difference| at the best shift, and with no shift (0..255). */
  readonly residual: number;
  readonly still: number;
}

export function globalShift(prev: Uint8Array, cur: Uint8Array, width: number, height: number, maxShift = 4, step = 3): GlobalShift {
  let best = { dx: 0, dy: 0, residual: Infinity };
  let still = 0;
  const x0 = maxShift;
  const y0 = maxShift;
  const x1 = width - maxShift;
  const y1 = height - maxShift;
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) {
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y += step) {
        const row = y * width;
        const prow = (y - dy) * width - dx;
        for (let x = x0; x < x1; x += step) {
          sum += Math.abs(cur[row + x]! - prev[prow + x]!);
          n += 1;
        }
      }
      const residual = n === 0 ? 0 : sum / n;
      if (dx === 0 && dy === 0) still = residual;
      // Ties go to the smaller shift: a flat or static frame stays at (0, 0).
      if (residual < best.residual - 1e-9 || (residual <= best.residual + 1e-9 && Math.abs(dx) + Math.abs(dy) < Math.abs(best.dx) + Math.abs(best.dy))) {
        best = { dx, dy, residual };
      }
    }
  }
  return { ...best, still };
}
