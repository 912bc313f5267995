import { describe, expect, it } from 'vitest';
import { mirrorZone, VARIANTS } from './robustness.ts';

describe('robustness variants', () => {
  it('mirrors a zone left-right: polygon x -> 1 - x, flow direction x negated, the rest kept', () => {
    const zone = { id: 'aisle', kind: 'flow', polygon: [[0.05, 0], [0.8, 0], [0.8, 1], [0.05, 1]], direction: [0.3, -1] };
    expect(mirrorZone(zone)).toEqual({ id: 'aisle', kind: 'flow', polygon: [[0.95, 0], [0.2, 0], [0.2, 1], [0.95, 1]], direction: [-0.3, -1] });
    const crowd = { id: 'c', kind: 'crowd', polygon: [[0, 0.5], [1, 0.5], [1, 1]], areaM2: 350 };
    expect(mirrorZone(crowd)).toEqual({ id: 'c', kind: 'crowd', polygon: [[1, 0.5], [0, 0.5], [0, 1]], areaM2: 350 });
  });

  it('only the mirror variant mirrors', () => {
    expect(Object.entries(VARIANTS).filter(([, v]) => v.mirror).map(([k]) => k)).toEqual(['mirror']);
  });
});
