import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { cameraSchema, paramsSchema, polygonSchema, zoneSchema } from '../../../src/config/schema.ts';
import { translator } from '../i18n/translator.ts';
import { issueLines, issueMessage } from './schema-issues.ts';

const square = [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5], [0.1, 0.5]];
const camera = { id: 'gate', url: '/clips/a.avi', events: [], zones: [] };
const issuesOf = (r: { success: boolean; error?: z.ZodError }): z.core.$ZodIssue[] => r.error?.issues ?? [];

describe('the schema messages the catalogue knows', () => {
  it.each<[string, z.core.$ZodIssue[], string]>([
    ['too few points', issuesOf(polygonSchema.safeParse(square.slice(0, 2))), 'un polygone doit avoir au moins 3 points'],
    ['too many points', issuesOf(polygonSchema.safeParse(Array.from({ length: 65 }, (_, i) => [i / 65, (i * 7) % 65 / 65]))), 'un polygone a au plus 64 points'],
    ['too small', issuesOf(polygonSchema.safeParse([[0.1, 0.1], [0.11, 0.1], [0.1, 0.11]])), 'polygone trop petit (surface inférieure à 0,1 % de l’image)'],
    ['self-intersecting', issuesOf(polygonSchema.safeParse([[0.1, 0.1], [0.5, 0.5], [0.5, 0.12], [0.12, 0.5]])), 'les côtés du polygone se croisent (auto-intersection)'],
    ['flow without direction', issuesOf(zoneSchema.safeParse({ id: 'z', kind: 'flow', polygon: square })), 'une zone de sens de circulation doit avoir un sens autorisé'],
    ['zero direction', issuesOf(zoneSchema.safeParse({ id: 'z', kind: 'flow', polygon: square, direction: [0, 0] })), 'le sens ne peut pas être [0, 0]'],
    [
      'density without area',
      issuesOf(zoneSchema.safeParse({ id: 'z', kind: 'crowd', polygon: square, maxPersonsPerM2: 2 })),
      'une zone de foule avec une densité maximale (maxPersonsPerM2) doit avoir sa surface (areaM2)',
    ],
    ['camera id', issuesOf(cameraSchema.safeParse({ ...camera, id: 'a b' })), 'identifiant de caméra : lettres, chiffres, _ et - uniquement (1 à 64)'],
    ['URL scheme', issuesOf(cameraSchema.safeParse({ ...camera, url: 'ftp://x' })), 'schéma d’URL non pris en charge (utilisez rtsp, rtsps, http, https ou un chemin de fichier)'],
  ])('%s: English word for word as the schema writes it, French from the catalogue', (_name, issues, fr) => {
    const last = issues.at(-1);
    if (!last) throw new Error('the schema accepted it');
    expect(issueMessage(last, 'en')).toBe(last.message);
    expect(issueMessage(last, 'fr')).toBe(fr);
  });
});

describe('issueLines', () => {
  it.each<[string, unknown, string[], string[]]>([
    ['empty name of zone', { ...camera, zones: [{ id: '', kind: 'watch', polygon: square }] }, ['zones[0].id: Too small: expected string to have >=1 characters'], ['zones[0].id : trop court : ≥ 1 caractères attendus']],
    ['name too long', { ...camera, name: 'x'.repeat(201) }, ['name: Too big: expected string to have <=200 characters'], ['name : trop long : ≤ 200 caractères attendus']],
    ['not a number', { ...camera, params: { downSeconds: 'two' } }, ['params.downSeconds: Invalid input: expected number, received string'], ['params.downSeconds : nombre attendu (reçu : string)']],
    ['unknown key', { ...camera, colour: 'red' }, ['colour: unknown key'], ['colour : clé inconnue']],
    [
      'unknown zone kind',
      { ...camera, zones: [{ id: 'z', kind: 'moat', polygon: square }] },
      ['zones[0].kind: Invalid option: expected one of "forbidden"|"flow"|"crowd"|"watch"'],
      ['zones[0].kind : valeur non valide : une de "forbidden"|"flow"|"crowd"|"watch" attendue'],
    ],
    ['a check the catalogue does not know: as the schema wrote it', { ...camera, loop: 'yes' }, ['loop: Invalid input: expected boolean, received string'], ['loop : Invalid input: expected boolean, received string']],
  ])('%s', (_name, body, en, fr) => {
    const issues = issuesOf(cameraSchema.safeParse(body));
    expect(issueLines(issues, 'en')).toEqual(en);
    expect(issueLines(issues, 'fr')).toEqual(fr);
  });
});

describe('parameter documentation', () => {
  const en = translator('en');
  it.each(Object.keys(paramsSchema.shape) as (keyof typeof paramsSchema.shape)[])('%s: the English is the schema’s description', (key) => {
    expect(en(`cameras.param_${key}`)).toBe(paramsSchema.shape[key].description?.replace(/^[a-z_]+: /, ''));
  });
});
