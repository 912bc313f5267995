/** Connected components of a binary mask (8-connectivity), with their bounding boxes. */

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

/** Components of `mask` (non-zero = set) with at least `minArea` pixels, largest first. */
export function components(mask: Uint8Array, width: number, height: number, minArea = 1): Component[] {
  const label = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const out: Component[] = [];
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] === 0 || label[start] !== 0) continue;
    next += 1;
    let top = 0;
    let count = 0;
    stack[top++] = start;
    label[start] = next;
    let x1 = width;
    let y1 = height;
    let x2 = -1;
    let y2 = -1;
    const members: number[] = [];
    while (top > 0) {
      const p = stack[--top]!;
      members.push(p);
      count += 1;
      const px = p % width;
      const py = (p - px) / width;
      if (px < x1) x1 = px;
      if (px > x2) x2 = px;
      if (py < y1) y1 = py;
      if (py > y2) y2 = py;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = py + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = px + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] !== 0 && label[q] === 0) {
            label[q] = next;
            stack[top++] = q;
          }
        }
      }
    }
    if (count >= minArea) out.push({ x1, y1, x2, y2, area: count, pixels: Int32Array.from(members) });
  }
  return out.sort((a, b) => b.area - a.area);
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
