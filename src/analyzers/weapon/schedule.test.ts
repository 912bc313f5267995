import { describe, expect, it } from 'vitest';
import type { Track } from '../../core/types.ts';
import { track, type TrackSpec } from '../../rules/testkit.ts';
import { DEFAULT_SCHEDULE, initialSchedule, pickLooks, type ScheduleState } from './schedule.ts';

const H = 480;
const person = (id: number, extra: Partial<TrackSpec> = {}): Track => track({ id, x: 0.1 * id, y: 0.8, h: 0.3, ...extra });

/** Runs the schedule over rows of tracks at 5 fps; returns the ids looked at, per frame. */
function run(rows: readonly (readonly Track[])[], o = DEFAULT_SCHEDULE): { looks: number[][]; last: ScheduleState } {
  let state = initialSchedule(o);
  const looks = rows.map((tracks, f) => {
    const out = pickLooks(state, tracks, f * 200, H, o);
    state = out.state;
    return out.ids;
  });
  return { looks, last: state };
}

const frames = (n: number, at: (f: number) => Track[]): Track[][] => Array.from({ length: n }, (_, f) => at(f));

describe('pickLooks', () => {
  it('looks at a lone person once a second', () => {
    const { looks } = run(frames(16, () => [person(1)]));
    expect(looks.flatMap((ids, f) => (ids.length ? [f] : []))).toEqual([0, 5, 10, 15]);
  });

  it('spends at most one look a second (burst 2) over a crowd, stalest first', () => {
    const { looks } = run(frames(26, () => [1, 2, 3, 4, 5].map((id) => person(id))));
    expect(looks.flat()).toEqual([1, 2, 3, 4, 5, 1, 2]);
    expect(looks.flatMap((ids, f) => ids.map(() => f))).toEqual([0, 0, 5, 10, 15, 20, 25]);
  });

  it.each([
    { name: 'too small (under 40 px)', t: person(1, { h: 0.05 }) },
    { name: 'tentative', t: person(1, { state: 'tentative' }) },
    { name: 'lost', t: person(1, { state: 'lost' }) },
    { name: 'not a person', t: person(1, { label: 'car' }) },
  ])('never looks at a track that is $name', ({ t }) => {
    expect(run(frames(10, () => [t])).looks.flat()).toEqual([]);
  });

  it('forgets tracks that are gone', () => {
    const { last } = run(frames(12, (f) => (f < 6 ? [person(1), person(2)] : [person(2)])));
    expect([...last.lastLookMs.keys()]).toEqual([2]);
  });
});
