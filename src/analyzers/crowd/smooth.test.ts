import { describe, expect, it } from 'vitest';
import type { CrowdEstimate } from './estimate.ts';
import { smoothEstimates } from './smooth.ts';

const est = (tMs: number, count: number): { tMs: number; estimate: CrowdEstimate } => ({
  tMs,
  estimate: { frameCount: count, detected: 1, zones: [{ zoneId: 'z', count, density: count / 10, areaM2: 10 }], scaleFrom: 'detections' },
});

describe('smoothEstimates', () => {
  it('nothing before the first estimate', () => expect(smoothEstimates([], null)).toBeUndefined());

  it('takes the median per zone and for the frame: one glitch does not move it', () => {
    const s = smoothEstimates([est(0, 100), est(1000, 400), est(2000, 110)], null)!;
    expect(s).toMatchObject({ tMs: 2000, frameCount: 110, detected: 1, samples: 3 });
    expect(s.zones).toEqual([{ zoneId: 'z', count: 110, density: 11, areaM2: 10 }]);
    expect(s.personWidth).toBeUndefined();
  });

  it('reports the person widths of the scale model', () => {
    const s = smoothEstimates([est(0, 5)], { knots: [{ y: 0.3, w: 0.02 }, { y: 0.9, w: 0.08 }], slope: 0, smallest: 0, samples: 16 })!;
    expect(s.personWidth).toEqual({ top: 0.02, bottom: 0.08 });
  });
});
