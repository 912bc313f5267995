/** Connected components (8-connected) of a binary mask, with their pixel count and bounding box. */

export interface Component {
  /** Label in the label image (1, 2, ...). */
  readonly label: number;
  readonly areaPx: number;
  /** Inclusive pixel bounds. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface Labelling {
  /** 0 for background, else the component's label. */
  readonly labels: Int32Array;
  readonly components: readonly Component[];
}

export function connectedComponents(mask: Uint8Array, width: number, height: number): Labelling {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const components: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = components.length + 1;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    let areaPx = 0;
    let x1 = width;
    let y1 = height;
    let x2 = -1;
    let y2 = -1;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      areaPx++;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !labels[q]) {
            labels[q] = label;
            stack[top++] = q;
          }
        }
      }
    }
    components.push({ label, areaPx, x1, y1, x2, y2 });
  }
  return { labels, components };
}
