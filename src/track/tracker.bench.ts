/** Cost of one tracker update with 20 moving objects and some clutter: `npx vitest bench src/track`. */
import { bench, describe } from 'vitest';
import type { Detection } from '../core/types.ts';
import { createTracker } from './tracker.ts';
import { parkMiller } from '../core/random.ts';


function frames(n: number, objects: number, seed: number): Detection[][] {
  const r = parkMiller(seed);
  const objs = Array.from({ length: objects }, (_, k) => ({
    x: 0.05 + (k % 5) * 0.18,
    y: 0.05 + Math.floor(k / 5) * 0.22,
    vx: (r() - 0.5) * 0.01,
    vy: (r() - 0.5) * 0.01,
  }));
  return Array.from({ length: n }, (_, f) => [
    ...objs.map((o, k): Detection => {
      const x = o.x + o.vx * f + (r() - 0.5) * 0.004;
      const y = o.y + o.vy * f + (r() - 0.5) * 0.004;
      return { box: { x1: x, y1: y, x2: x + 0.05, y2: y + 0.15 }, label: k % 2 ? 'person' : 'car', score: 0.3 + r() * 0.6 };
    }),
    ...Array.from({ length: 5 }, (): Detection => {
      const x = r() * 0.9;
      const y = r() * 0.9;
      return { box: { x1: x, y1: y, x2: x + 0.04, y2: y + 0.04 }, label: 'backpack', score: 0.1 + r() * 0.8 };
    }),
  ]);
}

describe('tracker.update', () => {
  for (const n of [20, 50]) {
    const data = frames(500, n, 7);
    const tracker = createTracker();
    let f = 0;
    bench(`${n} objects + 5 clutter`, () => {
      tracker.update(data[f % data.length]!, f * 200);
      f++;
    });
  }
});
