/**
 * The live wall's grid (pure): for n tiles of a given aspect in an area, the column count that
 * makes each tile's picture largest, so the wall fills a 1080p (or larger) screen whatever the
 * number of cameras.
 */

export interface WallArea {
  readonly widthPx: number;
  readonly heightPx: number;
  /** Space between tiles. */
  readonly gapPx: number;
  /** Per tile, above the picture (its title bar). */
  readonly chromePx: number;
}

export interface WallGrid {
  readonly cols: number;
  readonly rows: number;
  /** Width of each tile's picture in CSS pixels. */
  readonly tileWidthPx: number;
}

/** The aspect (width / height) to lay the wall out with: the tallest picture's, 16:9 until frames tell. */
export function wallAspect(aspects: Iterable<number>): number {
  const known = [...aspects].filter((a) => Number.isFinite(a) && a > 0);
  return known.length > 0 ? Math.min(...known) : 16 / 9;
}

/** Picture width of each tile with `cols` columns. */
function tileWidth(n: number, cols: number, a: WallArea, aspect: number): number {
  const rows = Math.ceil(n / cols);
  const byWidth = (a.widthPx - a.gapPx * (cols - 1)) / cols;
  const byHeight = ((a.heightPx - a.gapPx * (rows - 1)) / rows - a.chromePx) * aspect;
  return Math.max(0, Math.min(byWidth, byHeight));
}

/**
 * The grid whose tiles are largest; ties go to fewer columns. `aspect` is width / height of the
 * pictures (16/9 until frames tell). An area too small still gets a grid (tiles then scroll).
 */
export function wallGrid(n: number, area: WallArea, aspect = 16 / 9): WallGrid {
  if (n <= 0) return { cols: 1, rows: 0, tileWidthPx: 0 };
  let best: WallGrid = { cols: 1, rows: n, tileWidthPx: tileWidth(n, 1, area, aspect) };
  for (let cols = 2; cols <= n; cols++) {
    const w = tileWidth(n, cols, area, aspect);
    if (w > best.tileWidthPx + 0.5) best = { cols, rows: Math.ceil(n / cols), tileWidthPx: w };
  }
  return { ...best, tileWidthPx: Math.floor(best.tileWidthPx) };
}
