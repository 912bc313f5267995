import { describe, expect, it } from 'vitest';
import { renderNotice, type NoticeInput } from './notice.ts';
import type { Authorisation } from './types.ts';

const order: Authorisation = {
  id: 'a1',
  reference: 'AP-2026-0142',
  authority: 'Préfecture de police',
  perimeter: 'Gare du Nord, parvis <nord>',
  cameraIds: ['gate', 'dock'],
  events: ['intrusion', 'fire'],
  startMs: Date.UTC(2026, 5, 1, 8),
  endMs: Date.UTC(2026, 8, 30, 20),
  demo: false,
  createdAtMs: 0,
  createdBy: 'admin',
  updatedAtMs: 0,
  updatedBy: 'admin',
};
const input = (over: Partial<NoticeInput> = {}): NoticeInput => ({
  authorisation: order,
  cameras: [{ id: 'gate', name: 'Portail nord' }, { id: 'dock' }],
  operator: { name: 'Ville de Paris', contact: 'dpo@example.fr' },
  retention: { mediaDays: 30, signalsDays: 365, journalDays: 1095 },
  lang: 'fr',
  generatedAtMs: Date.UTC(2026, 11, 3, 9),
  ...over,
});

describe('the public notice of an authorisation', () => {
  it.each([
    ['fr', ['lang="fr"', 'Responsable du traitement', 'Ville de Paris', 'Contact : dpo@example.fr', 'arrêté AP-2026-0142 pris par Préfecture de police', 'Portail nord (gate)', '<li>dock</li>', 'Intrusion', 'Départ de feu', 'Aucune reconnaissance faciale', '30 jours au plus', 'CNIL']],
    ['en', ['lang="en"', 'Controller', 'Contact: dpo@example.fr', 'order AP-2026-0142 issued by Préfecture de police', 'Fire', 'No facial recognition', '30 days at most']],
  ] as const)('%s: says who, on what basis, where, what is signalled, what never, how long, which rights', (lang, parts) => {
    const html = renderNotice(input({ lang }));
    for (const part of parts) expect(html).toContain(part);
  });

  it('escapes what was typed, loads nothing from outside, and flags what is missing or not legal', () => {
    const html = renderNotice(input({ operator: {}, authorisation: { ...order, demo: true, revokedAtMs: Date.UTC(2026, 6, 1) } }));
    expect(html).toContain('parvis &lt;nord&gt;');
    expect(html).not.toMatch(/<(script|link|img)\b|src=|href=|url\(/);
    expect(html).toContain('à compléter (configuration legal.operator)');
    expect(html).toContain('DÉMONSTRATION');
    expect(html).toContain('Autorisation révoquée le');
  });
});
