import { describe, expect, it } from 'vitest';
import { solveAssignment } from './hungarian.ts';
import { parkMiller } from '../core/random.ts';

function bruteForce(cost: number[][]): number {
  const n = cost.length;
  const m = cost[0]!.length;
  const k = Math.min(n, m);
  let best = Infinity;
  const rec = (i: number, used: Set<number>, acc: number, taken: number): void => {
    if (taken === k) {
      best = Math.min(best, acc);
      return;
    }
    if (i === n) return;
    if (n - i > k - taken) rec(i + 1, used, acc, taken);
    for (let j = 0; j < m; j++) {
      if (used.has(j)) continue;
      used.add(j);
      rec(i + 1, used, acc + cost[i]![j]!, taken + 1);
      used.delete(j);
    }
  };
  rec(0, new Set(), 0, 0);
  return best;
}

describe('solveAssignment', () => {
  it.each([
    { name: 'identity is best', cost: [[0, 1], [1, 0]], want: [[0, 0], [1, 1]] },
    { name: 'cross is best', cost: [[1, 0], [0, 1]], want: [[0, 1], [1, 0]] },
    { name: 'greedy trap: best single pair is not in the optimum', cost: [[0.1, 0.2], [0.3, 5]], want: [[0, 1], [1, 0]] },
    { name: 'more columns', cost: [[5, 1, 9]], want: [[0, 1]] },
    { name: 'more rows', cost: [[5], [1], [9]], want: [[1, 0]] },
    { name: 'empty', cost: [], want: [] },
  ])('$name', ({ cost, want }) => {
    expect(solveAssignment(cost)).toEqual(want);
  });

  it('matches brute force on random rectangular matrices', () => {
    const rnd = parkMiller(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rnd() * 5);
      const m = 1 + Math.floor(rnd() * 5);
      const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => Math.round(rnd() * 100) / 10));
      const pairs = solveAssignment(cost);
      expect(pairs).toHaveLength(Math.min(n, m));
      expect(new Set(pairs.map(([, j]) => j)).size).toBe(pairs.length);
      const total = pairs.reduce((s, [i, j]) => s + cost[i]![j]!, 0);
      expect(total).toBeCloseTo(bruteForce(cost), 9);
    }
  });
});
