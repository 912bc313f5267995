import { describe, expect, it } from 'vitest';
import type { Detection } from '../core/types.ts';
import { boxAt } from './abandoned-object-testkit.ts';
import { EMPTY_SCALE, learnScale, standingHeight, tooSmallForPerson } from './abandoned-object-scale.ts';

const person = (x: number, y: number, w: number, h: number): Detection => ({ box: boxAt(x, y, w, h), label: 'person', score: 0.6 });

function learned(dets: readonly Detection[], times = 6) {
  let s = EMPTY_SCALE;
  for (let i = 0; i < times; i++) s = learnScale(s, dets, 1);
  return s;
}

describe('person scale by image row', () => {
  it('knows nothing before five upright persons were seen at a row', () => {
    expect(standingHeight(learned([person(0.5, 0.85, 0.08, 0.3)], 4), boxAt(0.2, 0.85, 0.05, 0.05))).toBeUndefined();
    expect(standingHeight(learned([person(0.5, 0.85, 0.08, 0.3)], 5), boxAt(0.2, 0.85, 0.05, 0.05))).toBeCloseTo(0.3);
  });

  it('answers from the next band up or down, not further', () => {
    const s = learned([person(0.5, 0.55, 0.05, 0.2)]);
    expect(standingHeight(s, boxAt(0.2, 0.62, 0.05, 0.05))).toBeCloseTo(0.2);
    expect(standingHeight(s, boxAt(0.2, 0.75, 0.05, 0.05))).toBeUndefined();
  });

  it('learns only from upright boxes not cut by the frame bottom', () => {
    expect(standingHeight(learned([person(0.5, 0.85, 0.3, 0.2)]), boxAt(0.2, 0.85, 0.05, 0.05))).toBeUndefined();
    expect(standingHeight(learned([person(0.5, 1, 0.08, 0.3)]), boxAt(0.2, 0.95, 0.05, 0.05))).toBeUndefined();
  });

  it('a bag is too small for a person where people stand 0.3 tall; a lying person is not', () => {
    const s = learned([person(0.5, 0.85, 0.08, 0.3)]);
    expect(tooSmallForPerson(s, boxAt(0.2, 0.86, 0.06, 0.06), 1)).toBe(true);
    expect(tooSmallForPerson(s, boxAt(0.2, 0.86, 0.28, 0.08), 1)).toBe(false);
    expect(tooSmallForPerson(EMPTY_SCALE, boxAt(0.2, 0.86, 0.06, 0.06), 1)).toBe(false);
  });
});
