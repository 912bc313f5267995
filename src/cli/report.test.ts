import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleStore } from '../store/console-store.ts';
import { DAY, DAY_TEXT, fillReportStore } from '../report/testing.ts';
import { runVigie } from '../testing/run-cli.ts';

describe('vigie report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-report-cli-'));
    const store = openConsoleStore({ dir });
    fillReportStore(store);
    store.authorisations.create({ reference: 'AP-2026-0142', authority: 'Préfecture de police', perimeter: 'Cour', cameraIds: ['yard'], events: ['intrusion', 'fire'], startMs: DAY - 86_400_000, endMs: DAY + 2 * 86_400_000 }, 'admin', DAY - 86_400_000);
    store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the CSV with the counts of the period', async () => {
    const res = await runVigie(['report', '--from', DAY_TEXT.from, '--to', DAY_TEXT.to, '--format', 'csv', '--data', dir]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const rows = res.stdout.split('\r\n');
    expect(rows[0]).toBe('section,key,signals,confirmed,false_alarms,duplicates,pending,precision,mean_ack_ms,p95_ack_ms,missed,value,detail');
    expect(rows).toContain('events,intrusion,4,2,1,0,1,0.6667,60000,60000,1,,');
    expect(rows).toContain('events,fire,2,1,0,1,0,1,60000,60000,0,,');
    expect(rows).toContain('events,weapon,0,0,0,0,0,,,,2,,');
    expect(rows).toContain('events,total,6,3,1,1,1,0.7500,60000,60000,3,,');
    expect(rows).toContain('cameras,yard,,,,,,,,,,20,');
    expect(rows).toContain('outages,failed_count,,,,,,,,,,1,');
    expect(rows).toContain('journal,state,,,,,,,,,,ok,');
    // The recorded authorisations, from the store (vigie serve's own).
    expect(rows).toContain('authorisations,AP-2026-0142,,,,,,,,,,Préfecture de police,2026-03-01T00:00:00.000Z/2026-03-04T00:00:00.000Z; cameras yard; events intrusion fire');
  });

  it('writes the HTML report in the chosen language to --out', async () => {
    const out = path.join(dir, 'report.html');
    const res = await runVigie(['report', '--from', DAY_TEXT.from, '--to', DAY_TEXT.to, '--out', out, '--data', dir, '--lang', 'en']);
    expect(res.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>Evaluation report</h1>');
    expect(html).toMatch(/<td>Intrusion<\/td><td>4<\/td><td>2<\/td><td>1<\/td><td>0<\/td><td>1<\/td><td>66.7 %<\/td>/);
    expect(html).toMatch(/<td>Weapon<\/td>(<td>0<\/td>){5}<td>—<\/td><td>—<\/td><td>—<\/td><td>2<\/td>/);
    expect(html).toContain('<span class="ok">ok</span>');
    expect(html).toContain('AP-2026-0142');
    expect(html).not.toContain('not recorded');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const fr = await runVigie(['report', '--from', DAY_TEXT.from, '--to', DAY_TEXT.to, '--data', dir]);
    expect(fr.stdout).toContain("<h1>Rapport d'évaluation</h1>");
  });

  it.each([
    [['--from', '2026-03-02'], /--to is required/],
    [['--from', '2026-02-30', '--to', '2026-03-03'], /--from: not a date/],
    [['--from', '2026-03-03', '--to', '2026-03-02'], /must be before --to/],
    [['--from', '2026-03-02', '--to', '2026-03-02'], /must be before --to/],
    [['--from', '2026-03-02', '--to', '2026-03-03', '--format', 'pdf'], /--format: html or csv/],
  ])('refuses %j with exit 2', async (args, message) => {
    const res = await runVigie(['report', ...args, '--data', dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
