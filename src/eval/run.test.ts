import { describe, expect, it } from 'vitest';
import type { ScoredScenario } from './score.ts';
import { invalidOutput, runEval, runScenarios, type AnalysisOutput } from './run.ts';

const scenarios: ScoredScenario[] = ['a', 'b', 'c', 'd', 'e'].map((name) => ({
  name,
  scene: { events: ['fire'] },
  expected: [{ type: 'fire', start: 0, end: 5 }],
}));

/** A deferred promise per scenario, so the test decides the completion order. */
function controlled() {
  const pending = new Map<string, (out: AnalysisOutput) => void>();
  let running = 0;
  let maxRunning = 0;
  const analyze = (s: ScoredScenario): Promise<AnalysisOutput> => {
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    return new Promise((resolve) => {
      pending.set(s.name, (out) => {
        running -= 1;
        resolve(out);
      });
    });
  };
  return { analyze, pending, max: () => maxRunning };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('runScenarios', () => {
  it('never runs more than `concurrency` analyses at once and keeps scenario order', async () => {
    const c = controlled();
    const done = runScenarios(scenarios, c.analyze, { concurrency: 2 });
    for (const name of ['b', 'a', 'c', 'e', 'd']) {
      while (!c.pending.has(name)) await flush();
      c.pending.get(name)!({ alerts: [], footageSeconds: name.charCodeAt(0) });
    }
    const results = await done;
    expect(c.max()).toBe(2);
    expect(results.map((r) => r.scenario.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(results.map((r) => r.footageSeconds)).toEqual([97, 98, 99, 100, 101]);
  });

  it('records a failing scenario with its error and goes on with the others', async () => {
    const seen: string[] = [];
    const report = await runEval(
      scenarios,
      async (s) => {
        if (s.name === 'b') throw new Error('ffmpeg exited with code 1');
        if (s.name === 'c') return { alerts: [{ type: 'fire', tSeconds: Number.NaN }], footageSeconds: 5 };
        return { alerts: [{ type: 'fire', tSeconds: 1 }], footageSeconds: 5 };
      },
      { concurrency: 3, onResult: (r, done, total) => seen.push(`${r.scenario.name} ${done}/${total}`) },
    );
    expect(report.failed).toBe(2);
    expect(report.byType.fire).toMatchObject({ tp: 3, fn: 2, fp: 0 });
    expect(report.perScenario[1]).toMatchObject({ name: 'b', error: 'ffmpeg exited with code 1', fn: 1 });
    expect(report.perScenario[2]?.error).toContain('invalid time');
    expect(report.footageSeconds).toBe(15);
    expect(seen).toHaveLength(5);
    expect(seen.map((s) => s.split(' ')[1])).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
  });

  it('handles an empty scenario list', async () => {
    expect(await runScenarios([], async () => ({ alerts: [], footageSeconds: 0 }))).toEqual([]);
  });
});

describe('invalidOutput', () => {
  it.each([
    [{ alerts: [], footageSeconds: 10 }, null],
    [{ alerts: [], footageSeconds: -1 }, 'invalid footageSeconds -1'],
    [{ alerts: [], footageSeconds: Number.POSITIVE_INFINITY }, 'invalid footageSeconds Infinity'],
    [{ alerts: [{ type: 'fire', tSeconds: Number.NaN }], footageSeconds: 1 }, 'alert of type fire has an invalid time NaN'],
    [{ alerts: [], footageSeconds: 1, estimatedCount: Number.NaN }, 'invalid estimatedCount NaN'],
  ] as [AnalysisOutput, string | null][])('%o -> %s', (out, want) => {
    expect(invalidOutput(out)).toBe(want);
  });
});
