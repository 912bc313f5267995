import { describe, expect, it } from 'vitest';
import { deliveryState, lastAnswer, type Delivery } from './deliveries.ts';

const NOW = 10_000_000;
const d = (over: Partial<Delivery>): Delivery => ({ id: 'd', event: 'alert', state: 'pending', attempts: 0, createdAtMs: NOW - 1000, updatedAtMs: NOW - 1000, ...over });

describe('deliveryState / lastAnswer', () => {
  it.each<[string, Partial<Delivery>, string, string]>([
    ['queued', { nextAtMs: NOW }, 'Queued', '—'],
    ['waiting for a retry', { attempts: 2, nextAtMs: NOW + 30_000, lastStatus: 503, lastError: 'HTTP 503' }, 'Retry in 30 s (2 attempts so far)', 'HTTP 503'],
    ['waiting long', { attempts: 7, nextAtMs: NOW + 3_600_000, lastError: 'connect ECONNREFUSED' }, 'Retry in 1 h (7 attempts so far)', 'connect ECONNREFUSED'],
    ['due already', { attempts: 1, nextAtMs: NOW - 5 }, 'Retry in 0 s (1 attempt so far)', '—'],
    ['delivered', { state: 'delivered', attempts: 1, lastStatus: 204, updatedAtMs: NOW - 120_000 }, 'Delivered 2 min ago (1 attempt)', 'HTTP 204'],
    ['failed', { state: 'failed', attempts: 8, lastStatus: 500, lastError: 'HTTP 500' }, 'Failed after 8 attempts', 'HTTP 500'],
  ])('%s', (_name, over, state, answer) => {
    expect(deliveryState(d(over), NOW)).toBe(state);
    expect(lastAnswer(d(over))).toBe(answer);
  });
});
