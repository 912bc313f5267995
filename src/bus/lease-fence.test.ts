import { describe, expect, it } from 'vitest';
import { createLeaseFence, type FenceDecision } from './lease-fence.ts';

const TTL = 6000;

type Step =
  | { readonly held: readonly [sentAtMs: number, revision: number, onRevision: number | undefined] }
  | { readonly lost: number | undefined; readonly from?: number };

interface Case {
  readonly name: string;
  readonly steps: readonly Step[];
  /** Messages created at these times and the decision expected after the steps. */
  readonly expect: readonly (readonly [atMs: number, decision: FenceDecision])[];
}

// Claimed at 0 (lease safe until 6000), renewed at 2000 (safe until 8000) unless a case says otherwise.
const claimed: Step = { held: [0, 1, undefined] };
const renewed: Step = { held: [2000, 2, 1] };

const cases: readonly Case[] = [
  { name: 'a key never held: everything goes', steps: [], expect: [[0, 'send'], [1e9, 'send']] },
  {
    name: 'held and renewed: sent until the renewal plus the lease life, held after (a cut)',
    steps: [claimed, renewed],
    expect: [[0, 'send'], [7999, 'send'], [8000, 'hold'], [20_000, 'hold']],
  },
  {
    name: 'a renewal on the revision written last, after a cut: the lease was never lost, all is sent',
    steps: [claimed, renewed, { held: [30_000, 3, 2] }],
    expect: [[8000, 'send'], [29_999, 'send'], [35_999, 'send'], [36_000, 'hold']],
  },
  {
    name: 'taken by another since 12 000: before it sent (this worker alone saw it), from it dropped',
    steps: [claimed, renewed, { lost: 12_000, from: 12_000 }],
    expect: [[7999, 'send'], [8000, 'send'], [11_999, 'send'], [12_000, 'drop'], [40_000, 'drop']],
  },
  {
    name: "the holder's clock behind: never dropped before the lease was surely ours",
    steps: [claimed, renewed, { lost: 5000, from: 8000 }],
    expect: [[7999, 'send'], [8000, 'drop']],
  },
  {
    name: 'taken since an unknown time: dropped from the end of the sure lease',
    steps: [claimed, renewed, { lost: undefined, from: 8000 }],
    expect: [[7999, 'send'], [8000, 'drop']],
  },
  {
    name: 'taken, then claimed back at 50 000: the other tenure stays dropped, the new one is sent',
    steps: [claimed, renewed, { lost: 12_000, from: 12_000 }, { held: [50_000, 7, 6] }],
    expect: [[11_999, 'send'], [12_000, 'drop'], [49_999, 'drop'], [50_000, 'send'], [55_999, 'send'], [56_000, 'hold']],
  },
  {
    name: 'claimed on a revision this worker did not write (another held it meanwhile): that span dropped',
    steps: [claimed, renewed, { held: [20_000, 5, 4] }],
    expect: [[7999, 'send'], [8000, 'drop'], [19_999, 'drop'], [20_000, 'send']],
  },
  {
    name: 'a renewal sent before the last one succeeds late: the sure lease never shrinks',
    steps: [claimed, { held: [4000, 2, 1] }, { held: [3000, 3, 2] }],
    expect: [[9999, 'send'], [10_000, 'hold']],
  },
];

describe('lease fence', () => {
  it.each(cases)('$name', ({ steps, expect: expected }) => {
    const fence = createLeaseFence({ ttlMs: TTL });
    for (const step of steps) {
      if ('held' in step) fence.held('cam1', ...step.held);
      else expect(fence.lost('cam1', step.lost)).toBe(step.from);
    }
    expect(expected.map(([at]) => [at, fence.decide('cam1', at)])).toEqual(expected);
    // Other keys are not concerned.
    expect(fence.decide('cam2', 1e9)).toBe('send');
  });

  it('safeUntil: undefined until held, then the last sure end', () => {
    const fence = createLeaseFence({ ttlMs: TTL });
    expect(fence.safeUntil('cam1')).toBeUndefined();
    fence.held('cam1', 1000, 1, undefined);
    expect(fence.safeUntil('cam1')).toBe(7000);
  });
});
