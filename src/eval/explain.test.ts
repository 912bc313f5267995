import { describe, expect, it } from 'vitest';
import { createExplainLog, findingsOf, formatFindings } from './explain.ts';
import type { ScenarioScore } from './score.ts';

const reason = (r: string) => ({ reason: r, subjects: [] });

function log() {
  const l = createExplainLog();
  l.record(0, { person_down: reason('no person track') });
  l.record(0.2, { person_down: reason('no person track') });
  l.record(1.0, { person_down: reason('track 3: standing') });
  l.record(3.0, { person_down: reason('track 3: falling, top 0.4 down, needs 0.5') });
  l.record(9.0, { person_down: reason('track 3: lost') });
  l.alert('person_down', 12.4, 'person on the ground for 2.0 s after a fall');
  return l;
}

function score(over: Partial<ScenarioScore>): ScenarioScore {
  return { name: 's', footageSeconds: 10, tp: 0, fp: 0, fn: 0, duplicates: 0, alerts: [], missed: [], ...over };
}

describe('explain log and findings', () => {
  it('keeps only changes of reason', () => {
    expect(log().reasonAt('person_down', 0.5)).toEqual({ tSeconds: 0, reason: 'no person track' });
    expect(log().reasonAt('fire', 5)).toBeUndefined();
  });

  it.each([
    ['a miss: the last reason up to the end of the scoring window', { start: 2, end: 5 }, 'track 3: falling, top 0.4 down, needs 0.5 (since 3.0 s)'],
    ['a miss whose window covers a later change', { start: 5, end: 8 }, 'track 3: lost (since 9.0 s)'],
  ])('%s', (_what, window, expected) => {
    const f = findingsOf(score({ fn: 1, missed: [{ type: 'person_down', ...window }] }), log());
    expect(f).toEqual([{ scenario: 's', type: 'person_down', kind: 'miss', at: `${window.start}-${window.end} s`, reason: expected }]);
  });

  it('a false alert: its message and the reason before it', () => {
    const f = findingsOf(score({ fp: 1, alerts: [{ type: 'person_down', tSeconds: 12.4, outcome: 'fp', reason: 'no_event' }] }), log());
    expect(f).toEqual([
      { scenario: 's', type: 'person_down', kind: 'false_alert', at: '12.4 s', reason: 'person on the ground for 2.0 s after a fall', before: 'track 3: lost' },
    ]);
    expect(formatFindings(f)).toContain('false person_down alert at 12.4 s');
  });

  it('a failed run: the error stands for the reason', () => {
    const f = findingsOf(score({ fn: 1, error: 'media file not found', missed: [{ type: 'fire', start: 0, end: 3 }] }), undefined);
    expect(f[0]?.reason).toBe('media file not found');
  });
});
