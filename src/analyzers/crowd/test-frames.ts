/** Synthetic RGB frames for the crowd tests: flat backgrounds with discs (heads) drawn on them. */
export interface Disc {
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** Grey level 0..255. */
  readonly value: number;
}

export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function discFrame(width: number, height: number, discs: readonly Disc[], background = 200): RgbFrame {
  const data = new Uint8Array(width * height * 3).fill(background);
  for (const d of discs) {
    for (let y = Math.floor(d.y - d.r); y <= Math.ceil(d.y + d.r); y++) {
      for (let x = Math.floor(d.x - d.r); x <= Math.ceil(d.x + d.r); x++) {
        if (x < 0 || y < 0 || x >= width || y >= height || (x - d.x) ** 2 + (y - d.y) ** 2 > d.r * d.r) continue;
        data.fill(d.value, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
  }
  return { width, height, data };
}

/** A square lattice of dark heads of radius r, spacing step, inside [x0, x1) x [y0, y1). */
export function lattice(x0: number, y0: number, x1: number, y1: number, step: number, r: number, value = 40): Disc[] {
  const out: Disc[] = [];
  for (let y = y0 + step / 2; y < y1; y += step) for (let x = x0 + step / 2; x < x1; x += step) out.push({ x, y, r, value });
  return out;
}
