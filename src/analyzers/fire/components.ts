/** Connected components of a binary mask (8-connectivity) with their pixel lists, and dilation, for the fire regions. */
import { connectedComponents } from '../image/components.ts';

export interface Component {
  /** Inclusive pixel bounds. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly area: number;
  /** Pixel indices (y * width + x) of the component. */
  readonly pixels: Int32Array;
}

/** Components of `mask` (non-zero = set) with at least `minArea` pixels, largest first, with their pixels. */
export function components(mask: Uint8Array, width: number, height: number, minArea = 1): Component[] {
  const { labels, components: parts } = connectedComponents(mask, width, height);
  const kept = parts.filter((c) => c.areaPx >= minArea);
  const members = new Map(kept.map((c) => [c.label, { pixels: new Int32Array(c.areaPx), n: 0 }]));
  for (let i = 0; i < labels.length; i++) {
    const m = labels[i] ? members.get(labels[i]!) : undefined;
    if (m) m.pixels[m.n++] = i;
  }
  return kept
    .map((c) => ({ x1: c.x1, y1: c.y1, x2: c.x2, y2: c.y2, area: c.areaPx, pixels: members.get(c.label)!.pixels }))
    .sort((a, b) => b.area - a.area);
}

/** Binary dilation by a (2r+1) square. */
export function dilate(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  if (r <= 0) return mask;
  const rows = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let on = 0;
      for (let dx = Math.max(0, x - r); dx <= Math.min(width - 1, x + r) && on === 0; dx++) on = mask[y * width + dx]!;
      rows[y * width + x] = on === 0 ? 0 : 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let on = 0;
      for (let dy = Math.max(0, y - r); dy <= Math.min(height - 1, y + r) && on === 0; dy++) on = rows[dy * width + x]!;
      out[y * width + x] = on;
    }
  }
  return out;
}
