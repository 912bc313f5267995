import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator.ts';
import { formatters } from '../i18n/format.ts';
import { describeError, toApiError } from '../api/client.ts';
import type { ViewingRefusal } from '../api/types.ts';
import { dayInputMs, msDayInput, parseRefusal, refusalWords } from './habilitation-words.ts';

const AT = new Date(2025, 2, 4, 9, 30, 0).getTime();
const withdrawn: ViewingRefusal = { reason: 'habilitation_withdrawn', withdrawn: { atMs: AT, by: 'admin', why: 'left the service' } };

describe('a refusal in words', () => {
  // Each row: the refusal, then the line in French and in English.
  it.each<[ViewingRefusal, string, string]>([
    [{ reason: 'not_habilitated' }, 'votre compte n’a pas d’habilitation enregistrée.', 'your account has no habilitation recorded.'],
    [withdrawn, 'votre habilitation a été retirée le 04/03/2025 09:30:00 par admin (motif : left the service).', 'your habilitation was withdrawn on 04/03/2025, 09:30:00 by admin (reason: left the service).'],
    [{ reason: 'habilitation_expired', expiredAtMs: AT }, 'votre habilitation a expiré le 04/03/2025 09:30:00.', 'your habilitation expired on 04/03/2025, 09:30:00.'],
    [{ reason: 'training_missing', missing: ['tool_use'] }, 'formation manquante : utilisation de l’outil.', 'training missing: use of the tool.'],
    [{ reason: 'training_missing', missing: ['data_protection', 'tool_use'] }, 'formation manquante : protection des données, utilisation de l’outil.', 'training missing: data protection, use of the tool.'],
  ])('%j', (refusal, fr, en) => {
    expect(refusalWords(refusal, translator('fr'), formatters('fr').dateTime)).toBe(fr);
    expect(refusalWords(refusal, translator('en'), formatters('en').dateTime)).toBe(en);
  });

  it("words a 403's habilitation entirely in the console's language", () => {
    const err = toApiError(403, { error: { code: 'FORBIDDEN', message: 'viewing alerts … needs a habilitation', reason: 'training_missing', habilitation: { reason: 'training_missing', missing: ['tool_use'] } } });
    expect(describeError(err, translator('fr'))).toBe('Vous ne pouvez pas voir les alertes, leurs images ni la vidéo en direct : formation manquante : utilisation de l’outil.');
    expect(describeError(err, translator('en'))).toBe('You cannot view alerts, their images or live video: training missing: use of the tool.');
  });
});

describe('parseRefusal', () => {
  it.each<[unknown, ViewingRefusal | undefined]>([
    [{ reason: 'not_habilitated' }, { reason: 'not_habilitated' }],
    [{ ok: false, ...withdrawn }, withdrawn],
    [{ reason: 'habilitation_expired', expiredAtMs: 5 }, { reason: 'habilitation_expired', expiredAtMs: 5 }],
    [{ reason: 'training_missing', missing: ['tool_use', 'first_aid'] }, { reason: 'training_missing', missing: ['tool_use'] }],
    [{ reason: 'habilitation_withdrawn', withdrawn: { atMs: 'x', by: 'a', why: 'b' } }, undefined],
    [{ reason: 'habilitation_expired' }, undefined],
    [{ reason: 'training_missing' }, undefined],
    [{ reason: 'not_a_reason' }, undefined],
    [undefined, undefined],
  ])('%j', (value, expected) => expect(parseRefusal(value)).toEqual(expected));
});

describe('date inputs', () => {
  it('reads and writes a local day', () => {
    expect(dayInputMs('2025-03-04')).toBe(new Date(2025, 2, 4).getTime());
    expect(msDayInput(AT)).toBe('2025-03-04');
    expect(dayInputMs('')).toBeUndefined();
    expect(dayInputMs('04/03/2025')).toBeUndefined();
  });
});
