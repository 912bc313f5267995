/**
 * The notice for the public of one authorisation (law 2023-380 art. 10: the public is informed):
 * who operates, the legal basis and the order, the area and its cameras, the events signalled,
 * what is never done, retention, rights and contact. One self-contained HTML page (no external
 * resource), A4 when printed. Pure: everything it says comes in its input.
 */
import type { Lang } from '../core/lang.ts';
import { LOCALE_TAGS } from '../core/lang.ts';
import { escapeHtml } from '../core/html.ts';
import { typeName } from '../report/words.ts';
import { noticeWords } from './notice-words.ts';
import type { Authorisation } from './types.ts';

export interface NoticeOperator {
  readonly name?: string;
  readonly contact?: string;
  readonly dpoContact?: string;
}

export interface NoticeInput {
  readonly authorisation: Authorisation;
  /** The cameras the order names, with their names where known. */
  readonly cameras: readonly { readonly id: string; readonly name?: string }[];
  readonly operator: NoticeOperator;
  readonly retention: { readonly mediaDays: number; readonly signalsDays: number; readonly journalDays: number };
  readonly lang: Lang;
  readonly generatedAtMs: number;
}


const STYLE = `body{font-family:system-ui,sans-serif;color:#111;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;border-bottom:3px solid #111;padding-bottom:.4rem}h2{font-size:1.05rem;margin:1.2rem 0 .3rem;text-transform:uppercase;letter-spacing:.03em}
p,li{margin:.2rem 0}.warn{border:2px solid #b00;color:#b00;padding:.4rem .6rem;font-weight:700}.missing{color:#b00;font-style:italic}
footer{margin-top:2rem;font-size:.85rem;color:#444}@page{size:A4;margin:18mm}@media print{body{margin:0;max-width:none}}`;

export function renderNotice(input: NoticeInput): string {
  const w = noticeWords(input.lang);
  const a = input.authorisation;
  const day = new Intl.DateTimeFormat(LOCALE_TAGS[input.lang], { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const e = escapeHtml;
  const colon = input.lang === 'fr' ? ' : ' : ': ';
  const orMissing = (v: string | undefined): string => (v && v.trim() ? e(v) : `<span class="missing">${e(w('missing'))}</span>`);
  const cameras = input.cameras.map((c) => `<li>${e(c.name ? `${c.name} (${c.id})` : c.id)}</li>`).join('');
  const events = a.events.map((t) => `<li>${e(typeName(input.lang, t))}</li>`).join('');
  const sections = [
    a.demo ? `<p class="warn">${e(w('demo'))}</p>` : '',
    a.revokedAtMs !== undefined ? `<p class="warn">${e(w('revoked', { at: day.format(a.revokedAtMs) }))}</p>` : '',
    `<p>${e(w('lead'))}</p>`,
    `<h2>${e(w('who'))}</h2><p>${orMissing(input.operator.name)}</p><p>${e(w('contact'))}${colon}${orMissing(input.operator.contact)}</p>`,
    input.operator.dpoContact ? `<p>${e(w('dpo'))}${colon}${e(input.operator.dpoContact)}</p>` : '',
    `<h2>${e(w('basis'))}</h2><p>${e(w('basisText', { reference: a.reference, authority: a.authority }))}</p>`,
    `<h2>${e(w('period'))}</h2><p>${e(w('periodText', { from: day.format(a.startMs), to: day.format(a.endMs) }))}</p>`,
    `<h2>${e(w('area'))}</h2><p>${e(a.perimeter)}</p><p>${e(w('cameras'))}${colon.trimEnd()}</p><ul>${cameras}</ul>`,
    `<h2>${e(w('events'))}</h2><ul>${events}</ul>`,
    `<h2>${e(w('never'))}</h2><p>${e(w('neverText'))}</p>`,
    `<h2>${e(w('retention'))}</h2><p>${e(w('retentionText', { media: input.retention.mediaDays, signals: input.retention.signalsDays, journal: input.retention.journalDays }))}</p>`,
    `<h2>${e(w('rights'))}</h2><p>${e(w('rightsText'))}</p>`,
  ].join('\n');
  return `<!doctype html>
<html lang="${input.lang}"><head><meta charset="utf-8"><title>${e(w('title'))} (${e(a.reference)})</title><style>${STYLE}</style></head>
<body><h1>${e(w('title'))}</h1>
${sections}
<footer>${e(w('printed', { at: day.format(input.generatedAtMs) }))} · ${e(a.reference)}</footer>
</body></html>
`;
}
