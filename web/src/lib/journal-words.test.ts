import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator.ts';
import { formatters } from '../i18n/format.ts';
import { actionLabel, actionWords, detailsWords } from './journal-words.ts';

const en = translator('en');
const fr = translator('fr');

describe('actionLabel', () => {
  it.each([
    ['alert.raised', 'Alert raised', 'Alerte déclenchée'],
    ['login.failed', 'Failed sign-in', 'Échec de connexion'],
    ['access.refused', 'Requests refused (no session)', 'Requêtes refusées (sans session)'],
    ['habilitation.withdraw', 'Habilitation withdrawn', 'Habilitation retirée'],
    ['GET /api/alerts/:id/snapshot.jpg', 'Alert image viewed', 'Consultation de l’image d’une alerte'],
    ['POST /api/alerts/:id/qualify', 'Alert qualified', 'Qualification d’une alerte'],
    ['server.start', 'Server started', 'Démarrage du serveur'],
    ['camera.updated', 'Camera changed', 'Caméra modifiée'],
    ['alert.images', 'Alert images shown', 'Images d’alertes affichées'],
    ['camera.teleport', 'camera.teleport', 'camera.teleport'],
    ['toString', 'toString', 'toString'],
  ])('%s: "%s" / "%s"', (code, inEnglish, inFrench) => {
    expect(actionLabel(code, en)).toBe(inEnglish);
    expect(actionLabel(code, fr)).toBe(inFrench);
  });

  it('tells a known code from an unknown one', () => {
    expect(actionWords('login', en)).toBe('Signed in');
    expect(actionWords('GET /api/nothing', en)).toBeUndefined();
  });
});

describe('detailsWords', () => {
  const at = new Date(2026, 11, 3, 14, 3, 22).getTime();
  it.each<[string, Record<string, unknown> | undefined, string, string]>([
    ['none', undefined, '', ''],
    ['an API access', { status: 200, address: '10.0.0.7' }, 'status 200 · address 10.0.0.7', 'statut 200 · adresse 10.0.0.7'],
    ['a decision', { from: 'new', to: 'false_alarm', decision: 4, note: 'shadow' }, 'from To qualify · to False alarm · decision 4 · note shadow', 'avant À qualifier · après Fausse alerte · décision 4 · note shadow'],
    ['a role change', { from: 'operator', to: 'admin' }, 'from operator · to admin', 'avant Opérateur · après Administrateur'],
    ['an alert raised', { type: 'intrusion', cameraId: 'cam-1' }, 'type Intrusion · camera cam-1', 'type Intrusion · caméra cam-1'],
    ['refusals', { count: 3, fromMs: at, routes: ['GET /api/alerts 401'] }, 'count 3 · from 03/12/2026, 14:03:22 · requests GET /api/alerts 401', 'nombre 3 · depuis 03/12/2026 14:03:22 · requêtes GET /api/alerts 401'],
    ['an account created', { role: 'operator' }, 'role operator', 'rôle Opérateur'],
    ['a camera changed', { changes: { enabled: { from: true, to: false } } }, 'changes {"enabled":{"from":true,"to":false}}', 'modifications {"enabled":{"from":true,"to":false}}'],
    ['an alert with its model', { type: 'fire', model: 'nanodet:nanodet.onnx', modelSha256: 'ab12' }, 'type Fire start · model nanodet:nanodet.onnx · model hash (SHA-256) ab12', 'type Départ de feu · modèle nanodet:nanodet.onnx · empreinte du modèle (SHA-256) ab12'],
    ['no camera watched, an unknown detail', { cameras: [], shiny: true }, 'cameras — · shiny true', 'caméras — · shiny true'],
    ['a record changed', { before: null, after: { kind: 'tool_use' } }, 'before — · after {"kind":"tool_use"}', 'avant — · après {"kind":"tool_use"}'],
  ])('%s', (_name, details, inEnglish, inFrench) => {
    expect(detailsWords(details, en, formatters('en'))).toBe(inEnglish);
    expect(detailsWords(details, fr, formatters('fr'))).toBe(inFrench);
  });
});
