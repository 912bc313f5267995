import { describe, expect, it } from 'vitest';
import type { StoredAlert } from '../api/types.ts';
import { CUE_PATTERNS, cueOutcome } from './beep.ts';
import { cueDue } from './cue.ts';

const a = (id: string, type: StoredAlert['type'], status: StoredAlert['status'] = 'new'): StoredAlert => ({
  id,
  cameraId: 'gate',
  type,
  tMs: 0,
  frameWallMs: 0,
  createdAtMs: 0,
  score: 0.9,
  message: id,
  status,
});

describe('cueDue', () => {
  it.each<[string, StoredAlert[], string[], number | undefined]>([
    ['nothing pending', [], [], undefined],
    ['an intrusion waiting', [a('1', 'intrusion')], [], 2],
    ['the most urgent waiting one sets the pattern', [a('1', 'abandoned_object'), a('2', 'fire'), a('3', 'intrusion')], [], 1],
    ['an acknowledged weapon no longer rings', [a('1', 'weapon'), a('2', 'wrong_way')], ['1'], 3],
    ['all acknowledged: silence', [a('1', 'weapon')], ['1'], undefined],
    ['a qualified one: silence', [a('1', 'fire', 'confirmed')], [], undefined],
  ])('%s', (_name, pending, acked, expected) => {
    expect(cueDue(pending, new Set(acked))).toBe(expected);
  });
});

describe('cue patterns and outcome', () => {
  it('gives each priority its own pattern', () => {
    const shapes = Object.values(CUE_PATTERNS).map((p) => JSON.stringify(p));
    expect(new Set(shapes).size).toBe(3);
    expect(CUE_PATTERNS[1].length).toBeGreaterThan(CUE_PATTERNS[2].length);
  });
  it.each([
    ['running', 'played'],
    ['suspended', 'blocked'],
    ['interrupted', 'blocked'],
    ['closed', 'unavailable'],
    [undefined, 'unavailable'],
  ] as const)('%s -> %s', (state, outcome) => {
    expect(cueOutcome(state)).toBe(outcome);
  });
});
