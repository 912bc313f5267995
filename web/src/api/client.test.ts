import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator.ts';
import { formatters } from '../i18n/format.ts';
import { ApiError, describeError, toApiError } from './client.ts';

describe('describeError', () => {
  // Each row: the error, then the line in French and in English (the server's detail stays as it is worded).
  it.each<[string, unknown, string, string]>([
    ['a conflict', new ApiError(409, 'CONFLICT', 'setup is already done'), 'Conflit : setup is already done', 'Conflict: setup is already done'],
    [
      'a validation with its issues',
      new ApiError(400, 'BAD_REQUEST', 'invalid body', ['name: required', 'url: not a URL']),
      'Requête invalide : invalid body: name: required; url: not a URL',
      'Invalid request: invalid body: name: required; url: not a URL',
    ],
    ['no answer', new ApiError(0, 'NETWORK', 'Failed to fetch'), 'Serveur injoignable : Failed to fetch', 'Server unreachable: Failed to fetch'],
    ['a refused sign-in', new ApiError(401, 'UNAUTHORIZED', 'wrong username or password'), 'Connexion refusée : wrong username or password', 'Sign-in refused: wrong username or password'],
    ['a refusal', new ApiError(403, 'FORBIDDEN', 'the current password is wrong'), 'Action non autorisée : the current password is wrong', 'Not allowed: the current password is wrong'],
    ['too many tries', new ApiError(429, 'TOO_MANY_REQUESTS', 'try again in 30 s'), 'Trop de tentatives : try again in 30 s', 'Too many attempts: try again in 30 s'],
    [
      'a second qualification refused',
      toApiError(409, { error: { code: 'CONFLICT', message: 'alert "a1" is already qualified', decided: { status: 'false_alarm', by: 'olga' } } }),
      'Alerte déjà qualifiée « Fausse alerte » par olga le ? : seul un superviseur peut corriger la décision.',
      'Already qualified "False alarm" by olga at ?: only a supervisor can correct the decision.',
    ],
    [
      'a malformed decided field is ignored',
      toApiError(409, { error: { code: 'CONFLICT', message: 'already qualified', decided: { status: 'maybe', by: 3 } } }),
      'Conflit : already qualified',
      'Conflict: already qualified',
    ],
    ['an unknown code', toApiError(502, undefined), 'Erreur : HTTP 502', 'Error: HTTP 502'],
    ['a plain error', new Error('boom'), 'boom', 'boom'],
    ['anything else', 'odd', 'odd', 'odd'],
  ])('%s', (_what, err, fr, en) => {
    expect(describeError(err, translator('fr'))).toBe(fr);
    expect(describeError(err, translator('en'))).toBe(en);
  });

describe('a refused second qualification is dated in the locale', () => {
  it.each([
    ['fr', 'Alerte déjà qualifiée « Confirmé » par olga le 03/12/2026 14:03:22 : seul un superviseur peut corriger la décision.'],
    ['en', 'Already qualified "Confirmed" by olga at 03/12/2026, 14:03:22: only a supervisor can correct the decision.'],
  ] as const)('%s', (lang, text) => {
    const err = new ApiError(409, 'CONFLICT', 'already qualified', [], { status: 'confirmed', by: 'olga', atMs: new Date(2026, 11, 3, 14, 3, 22).getTime() });
    expect(describeError(err, translator(lang), formatters(lang))).toBe(text);
  });
});
});
