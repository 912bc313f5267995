import { describe, expect, it } from 'vitest';
import { csvField } from './csv.ts';
import { escapeHtml, reportHtml } from './html.ts';
import { computeReport } from './indicators.ts';
import type { ReportInput } from './types.ts';

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [3, '3'],
    [2 / 3, '0.6667'],
    [undefined, ''],
  ] as const)('%j -> %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('reportHtml', () => {
  const input: ReportInput = {
    fromMs: 0,
    toMs: 86_400_000,
    generatedAtMs: 86_400_000,
    alerts: [],
    missed: [],
    statusHistory: [{ cameraId: '<script>alert(1)</script>', entries: [{ state: 'running', atMs: 0 }] }],
    systemAlerts: [],
    accounts: [],
    habilitations: [],
    trainings: [],
    journal: { ok: false, entries: 3, brokenAtSeq: 2, reason: 'entry 2 edited' },
  };

  it('escapes what the store holds and says a broken journal', () => {
    const html = reportHtml(computeReport(input), 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml('<script>alert(1)</script>'));
    expect(html).toContain('<span class="broken">broken</span> (#2: entry 2 edited)');
  });

  it('lists authorisations and kill switches when a provider gives them', () => {
    const html = reportHtml(
      computeReport({
        ...input,
        authorisations: () => [{ reference: 'AP-75-2026-01', authority: 'Préfet de police', startMs: 0, endMs: 10 * 86_400_000, cameraIds: ['yard'], eventTypes: ['fire'] }],
        killSwitches: () => [{ scope: 'global', engagedAtMs: 3_600_000, engagedBy: 'admin', why: 'drill' }],
      }),
      'fr',
    );
    expect(html).toContain('<td>AP-75-2026-01</td><td>Préfet de police</td>');
    expect(html).toContain('<td>Départ de feu</td>');
    expect(html).toContain('<td>drill</td>');
    expect(html).not.toContain('non enregistré');
  });
});
