import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator.ts';
import { formatters } from '../i18n/format.ts';
import { deliveryState, lastAnswer, type Delivery } from './deliveries.ts';

const NOW = 10_000_000;
const d = (over: Partial<Delivery>): Delivery => ({ id: 'd', event: 'alert', state: 'pending', attempts: 0, createdAtMs: NOW - 1000, updatedAtMs: NOW - 1000, ...over });

describe('deliveryState / lastAnswer', () => {
  it.each<[string, Partial<Delivery>, string, string, string]>([
    ['queued', { nextAtMs: NOW }, 'Queued', 'En attente', '—'],
    ['waiting for a retry', { attempts: 2, nextAtMs: NOW + 30_000, lastStatus: 503, lastError: 'HTTP 503' }, 'Retry in 30 s (2 attempts so far)', 'Nouvelle tentative dans 30 s (déjà 2 tentatives)', 'HTTP 503'],
    ['waiting long', { attempts: 7, nextAtMs: NOW + 3_600_000, lastError: 'connect ECONNREFUSED' }, 'Retry in 1 h (7 attempts so far)', 'Nouvelle tentative dans 1 h (déjà 7 tentatives)', 'connect ECONNREFUSED'],
    ['waiting an hour and a half', { attempts: 8, nextAtMs: NOW + 5_400_000 }, 'Retry in 1.5 h (8 attempts so far)', 'Nouvelle tentative dans 1,5 h (déjà 8 tentatives)', '—'],
    ['due already', { attempts: 1, nextAtMs: NOW - 5 }, 'Retry in 0 s (1 attempt so far)', 'Nouvelle tentative dans 0 s (déjà 1 tentative)', '—'],
    ['delivered', { state: 'delivered', attempts: 1, lastStatus: 204, updatedAtMs: NOW - 120_000 }, 'Delivered 2 min ago (1 attempt)', 'Livrée il y a 2 min (1 tentative)', 'HTTP 204'],
    ['failed', { state: 'failed', attempts: 8, lastStatus: 500, lastError: 'HTTP 500' }, 'Failed after 8 attempts', 'Échec après 8 tentatives', 'HTTP 500'],
  ])('%s', (_name, over, en, fr, answer) => {
    expect(deliveryState(d(over), NOW, translator('en'), formatters('en'))).toBe(en);
    expect(deliveryState(d(over), NOW, translator('fr'), formatters('fr'))).toBe(fr);
    expect(lastAnswer(d(over))).toBe(answer);
  });
});
