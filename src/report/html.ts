/**
 * The report as one self-contained HTML page (no external resource: inline style and SVG), in the
 * deployment's language, with a print stylesheet (A4, a page per section). Sections: the period,
 * the generation time and the journal's state; cameras and hours; signals per event type (a table
 * and a bar chart each: signals, confirmed, false alarms); stops and outages; habilitated and
 * trained users; authorisations and kill switches ("not recorded" without them).
 */
import { LOCALE_TAGS, type Lang } from '../core/lang.ts';
import { escapeHtml } from '../core/html.ts';
import type { EventIndicators, Report } from './types.ts';
import { reportWords, typeName } from './words.ts';

export { escapeHtml };

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;color:#111;margin:2em auto;max-width:60em;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left}
td.n{text-align:right}.broken{color:#b00;font-weight:bold}.ok{color:#070;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}figcaption{font-size:.9em}
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none;font-size:11pt}section{break-before:page}section:first-of-type{break-before:auto}figure,table{break-inside:avoid}}`;

const COLORS = { signals: '#4a6fa5', confirmed: '#2e7d32', falseAlarms: '#c62828' } as const;

function barChart(e: EventIndicators, label: string, max: number): string {
  const bars = (['signals', 'confirmed', 'falseAlarms'] as const).map((k, i) => {
    const h = max > 0 ? Math.round((e[k] / max) * 100) : 0;
    return `<rect x="${10 + i * 40}" y="${125 - h}" width="30" height="${h}" fill="${COLORS[k]}"/><text x="${25 + i * 40}" y="${121 - h}" text-anchor="middle" font-size="11">${e[k]}</text>`;
  });
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="140" height="135" role="img" aria-label="${escapeHtml(label)}">${bars.join('')}<line x1="5" y1="125" x2="135" y2="125" stroke="#333"/></svg><figcaption>${escapeHtml(label)}</figcaption></figure>`;
}

export function reportHtml(r: Report, lang: Lang): string {
  const w = reportWords(lang);
  const locale = LOCALE_TAGS[lang];
  const date = (ms: number): string => new Date(ms).toLocaleString(locale, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + ' UTC';
  const num = (v: number | undefined, digits = 0): string => (v === undefined ? '—' : v.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const pct = (v: number | undefined): string => (v === undefined ? '—' : `${num(v * 100, 1)} %`);
  const dur = (ms: number | undefined): string => (ms === undefined ? '—' : ms < 60_000 ? `${num(ms / 1000, 1)} s` : ms < 7_200_000 ? `${num(ms / 60_000, 1)} min` : `${num(ms / 3_600_000, 1)} h`);
  const esc = escapeHtml;
  const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const kv = (rows: readonly [string, string][]): string => table([], rows.map(([k, v]) => [esc(k), v]));
  const j = r.journal;
  const journal = j.ok
    ? `<span class="ok">${w('journalOk')}</span> (${num(j.entries)} ${w('entries')}${j.lastSignedSeq !== undefined ? `, ${w('signedThrough')} ${j.lastSignedSeq}` : ''})`
    : `<span class="broken">${w('journalBroken')}</span> (${esc(`#${j.brokenAtSeq ?? '?'}: ${j.reason ?? ''}`)})`;
  const eventRow = (e: EventIndicators, name: string): string[] => [
    esc(name), ...[e.signals, e.confirmed, e.falseAlarms, e.duplicates, e.pending].map((n) => num(n)), pct(e.precision), dur(e.meanAckMs), dur(e.p95AckMs), num(e.missed),
  ];
  const max = Math.max(0, ...r.events.map((e) => e.signals));
  const auth = r.authorisations;
  const sections = [
    `<section><h2>${w('cameras')}</h2>${kv([[w('camerasAnalysed'), num(r.cameras.analysed)], [w('hours'), num(r.cameras.hours, 1)]])}${
      r.cameras.perCamera.length > 0 ? table([w('camera'), w('hours')], r.cameras.perCamera.map((c) => [esc(c.cameraId), num(c.hours, 1)])) : ''
    }</section>`,
    `<section><h2>${w('events')}</h2>${table(
      [w('type'), w('signals'), w('confirmed'), w('falseAlarms'), w('duplicates'), w('pending'), w('precision'), w('meanAck'), w('p95Ack'), w('missed')],
      [...r.events.map((e) => eventRow(e, typeName(lang, e.type))), eventRow(r.totals, w('total'))],
    )}<p class="legend">${w('chart')}:<span style="background:${COLORS.signals}"></span>${w('signals')}<span style="background:${COLORS.confirmed}"></span>${w('confirmed')}<span style="background:${COLORS.falseAlarms}"></span>${w('falseAlarms')}</p><div class="charts">${r.events
      .map((e) => barChart(e, typeName(lang, e.type), max))
      .join('')}</div></section>`,
    `<section><h2>${w('outages')}</h2>${table(
      ['', w('count'), w('duration')],
      [
        [w('failed'), num(r.outages.failed.count), dur(r.outages.failed.totalMs)],
        [w('reconnecting'), num(r.outages.reconnecting.count), dur(r.outages.reconnecting.totalMs)],
      ],
    )}${table([w('systemAlerts'), w('count')], Object.entries(r.outages.systemAlerts).map(([k, n]) => [esc(k in { camera_lost: 1, disk_low: 1, store_failed: 1 } ? w(k as 'camera_lost') : k), num(n)]))}</section>`,
    `<section><h2>${w('people')}</h2>${kv([
      [w('accounts'), num(r.people.accounts)],
      [w('habilitated'), num(r.people.habilitated)],
      [w('withdrawn'), num(r.people.withdrawn)],
      [w('trainingMissing'), num(r.people.trainingMissing)],
    ])}</section>`,
    `<section><h2>${w('authorisations')}</h2>${
      auth
        ? (auth.list.length > 0
            ? table([w('reference'), w('authority'), w('start'), w('end'), w('camera'), w('type'), w('revoked')], auth.list.map((a) => [esc(a.reference), esc(a.authority), date(a.startMs), date(a.endMs), esc(a.cameraIds.join(', ')), esc(a.eventTypes.map((t) => typeName(lang, t)).join(', ')), a.revoked ? w('yes') : w('no')]))
            : `<p>${w('none')}</p>`) +
          `<h3>${w('killSwitches')}</h3>` +
          (auth.killSwitches.length > 0
            ? table([w('scope'), w('engaged'), w('by'), w('why'), w('released')], auth.killSwitches.map((k) => [esc(`${k.scope}${k.target ? ` ${k.target}` : ''}`), date(k.engagedAtMs), esc(k.engagedBy), esc(k.why), k.releasedAtMs !== undefined ? date(k.releasedAtMs) : '—']))
            : `<p>${w('none')}</p>`)
        : `<p>${w('notRecorded')}</p>`
    }</section>`,
  ];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${w('title')}</title><style>${STYLE}</style></head>
<body><header><h1>${w('title')}</h1>${kv([
    [w('period'), `${date(r.fromMs)} – ${date(r.toMs)}`],
    [w('generated'), date(r.generatedAtMs)],
    [w('journal'), journal],
  ])}</header>
${sections.join('\n')}
</body></html>
`;
}
