import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VigieError } from '../core/errors.ts';
import { validateConfig } from './load.ts';
import { RETENTION_BOUNDS, retentionSchema, retentionWarnings } from './retention.ts';

/** The config's problems in one message, or '' when it is accepted. */
function problems(retention: unknown): string {
  try {
    validateConfig({ retention }, 'site.yaml');
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(VigieError);
    return (err as VigieError).message;
  }
}

describe('retention config', () => {
  it('defaults: media 30 days, signals 12 months, journal 3 years', () => {
    expect(validateConfig({}, 'site.yaml').retention).toEqual({ mediaDays: 30, signalsDays: 365, journalDays: 1095 });
    expect(retentionSchema.parse({})).toEqual({ mediaDays: 30, signalsDays: 365, journalDays: 1095 });
  });

  it.each([
    // retention block, accepted as
    [{ mediaDays: 7 }, { mediaDays: 7, signalsDays: 365, journalDays: 1095 }],
    [{ mediaDays: 30, signalsDays: 365, journalDays: 1095 }, { mediaDays: 30, signalsDays: 365, journalDays: 1095 }],
    [{ mediaDays: 1, signalsDays: 1, journalDays: 183 }, { mediaDays: 1, signalsDays: 1, journalDays: 183 }],
    [{ signalsDays: 90, journalDays: 400 }, { mediaDays: 30, signalsDays: 90, journalDays: 400 }],
  ])('accepts %j', (block, expected) => {
    expect(problems(block)).toBe('');
    expect(validateConfig({ retention: block }, 'site.yaml').retention).toEqual(expected);
  });

  it.each([
    // retention block, the line of the refusal: the ceiling (or floor) and its legal basis
    [{ mediaDays: 31 }, 'retention.mediaDays: at most 30 days: video recordings are destroyed within one month at most, art. L252-5 of the Code de la sécurité intérieure'],
    [{ mediaDays: 0 }, 'retention.mediaDays: at least 1 days'],
    [{ signalsDays: 366 }, 'retention.signalsDays: at most 365 days: Vigie keeps signals 12 months at most (storage limitation, GDPR art. 5(1)(e)'],
    [{ journalDays: 1096 }, 'retention.journalDays: at most 1095 days: the AI Act (art. 19 and 26(6)) requires the logs to be kept six months at least; Vigie keeps them 3 years at most'],
    [{ journalDays: 182 }, 'retention.journalDays: at least 183 days: the AI Act (art. 19 and 26(6)) requires the logs to be kept six months at least'],
    [{ mediaDays: 1.5 }, 'retention.mediaDays'],
    [{ weeks: 2 }, 'retention.weeks: unknown key'],
  ])('refuses %j', (block, expected) => {
    expect(problems(block)).toContain(expected);
  });

  it('names every refused duration at once', () => {
    expect(problems({ mediaDays: 60, signalsDays: 400, journalDays: 5000 })).toContain('3 problems');
  });

  it.each([
    // the deprecated days (and what else is set) -> media, signals, journal
    [{ days: 30 }, [30, 30, 1095]],
    [{ days: 90 }, [30, 90, 1095]],
    [{ days: 400 }, [30, 365, 1095]],
    [{ days: 7 }, [7, 7, 1095]],
    [{ days: 90, mediaDays: 10 }, [10, 90, 1095]],
    [{ days: 90, signalsDays: 200 }, [30, 200, 1095]],
  ])('reads the deprecated days %j, each kind at most its ceiling', (block, [mediaDays, signalsDays, journalDays]) => {
    const p = retentionSchema.parse(block);
    expect(p).toEqual({ mediaDays, signalsDays, journalDays, legacyDays: block.days });
    expect(retentionWarnings(p)).toEqual([expect.stringContaining(`retention.days (${block.days}) is deprecated`)]);
  });

  it('warns only for the deprecated key', () => {
    expect(retentionWarnings(retentionSchema.parse({ mediaDays: 10 }))).toEqual([]);
  });

  it('the defaults are within the bounds, and the journal default is its ceiling', () => {
    for (const b of Object.values(RETENTION_BOUNDS)) {
      expect(b.defaultDays).toBeGreaterThanOrEqual(b.minDays);
      expect(b.defaultDays).toBeLessThanOrEqual(b.maxDays);
    }
    expect(RETENTION_BOUNDS.journalDays.defaultDays).toBe(RETENTION_BOUNDS.journalDays.maxDays);
  });
});

describe('retention docs', () => {
  const doc = (name: string): string => readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs', name), 'utf8');
  it.each(Object.entries(RETENTION_BOUNDS))('configuration.md and legal.md give %s with its default and bounds', (kind, b) => {
    expect(doc('configuration.md')).toContain(`| \`retention.${kind}\` | \`${b.defaultDays}\` |`);
    expect(doc('configuration.md')).toContain(`(${b.minDays}-${b.maxDays}`);
    expect(doc('legal.md')).toContain(`(\`${kind}\`)`);
    expect(doc('legal.md')).toContain(`| ${b.minDays}-${b.maxDays} |`);
  });
});
