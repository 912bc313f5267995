import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/context.tsx';
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
    ['an unknown code', toApiError(502, undefined), 'Erreur : HTTP 502', 'Error: HTTP 502'],
    ['a plain error', new Error('boom'), 'boom', 'boom'],
    ['anything else', 'odd', 'odd', 'odd'],
  ])('%s', (_what, err, fr, en) => {
    expect(describeError(err, translator('fr'))).toBe(fr);
    expect(describeError(err, translator('en'))).toBe(en);
  });
});
