/**
 * The evidence of one alert as one archive: the snapshot, the clip, the facts (JSON and readable
 * text) and a manifest with the SHA-256 of each file (also as SHA256SUMS, for `sha256sum -c`).
 * Written in the deployment's language (words in evidence-words.ts); times in UTC, which reads
 * the same in both. Pure: the route reads the files and zips what this returns.
 */
import { createHash } from 'node:crypto';
import { alertFacts, type Fact } from '../core/alert-facts.ts';
import { say } from '../core/alert-facts-words.ts';
import type { Lang } from '../core/lang.ts';
import type { StoredAlert } from '../store/types.ts';
import { EVIDENCE_WORDS, STATUS_WORDS } from './evidence-words.ts';
import { eventName } from '../core/event-names.ts';
import type { ZipEntry } from './zip.ts';

export interface EvidenceInput {
  readonly alert: StoredAlert;
  readonly cameraName?: string;
  readonly zoneKind?: string;
  /** The files that exist; a missing one is said in the manifest and the text. */
  readonly snapshot?: Uint8Array;
  readonly clip?: Uint8Array;
  readonly exportedAtMs: number;
  readonly exportedBy: string;
  /** The deployment's language (config console.language). */
  readonly lang: Lang;
}

export interface ManifestFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** `2024-01-02 03:04:05.123 UTC`: the export is read anywhere, so it says its zone. */
export const utcTime = (ms: number): string => `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} UTC`;

const said = (word: keyof typeof EVIDENCE_WORDS, lang: Lang, params?: Readonly<Record<string, string>>): string => say(EVIDENCE_WORDS[word], lang, params);

function statusText(a: StoredAlert, lang: Lang): string {
  if (a.status === 'new') return said('notQualified', lang);
  const params = { status: STATUS_WORDS[a.status][lang], by: a.qualifiedBy ?? '?', at: a.qualifiedAtMs ? utcTime(a.qualifiedAtMs) : '?' };
  return a.note ? said('qualifiedNote', lang, { ...params, note: a.note }) : said('qualified', lang, params);
}

function factsText(i: EvidenceInput, facts: readonly Fact[], missing: readonly string[]): string {
  const { alert: a, lang } = i;
  return [
    said('title', lang, { event: eventName(a.type, lang).toLowerCase(), id: a.id }),
    '',
    a.message,
    '',
    ...facts.map((f) => said('factLine', lang, { label: f.label, text: f.text })),
    said('recordedAt', lang, { at: utcTime(a.createdAtMs) }),
    said('status', lang, { status: statusText(a, lang) }),
    '',
    said('snapshotFile', lang),
    said('clipFile', lang),
    ...missing.map((file) => said('missing', lang, { file })),
    '',
    said('exported', lang, { at: utcTime(i.exportedAtMs), by: i.exportedBy }),
    '',
  ].join('\n');
}

/** The archive's entries, manifest and SHA256SUMS last. */
export function evidenceEntries(i: EvidenceInput): ZipEntry[] {
  const a = i.alert;
  const facts = alertFacts(a, i.lang, { ...(i.cameraName ? { cameraName: i.cameraName } : {}), ...(i.zoneKind ? { zoneKind: i.zoneKind } : {}), formatTime: utcTime });
  const missing = [...(i.snapshot ? [] : ['snapshot.jpg']), ...(i.clip ? [] : ['clip.mp4'])].map((file) => said('missingFile', i.lang, { file }));
  const json = { language: i.lang, alert: { ...a, frameWallTime: new Date(a.frameWallMs).toISOString(), createdAt: new Date(a.createdAtMs).toISOString() }, facts };
  const enc = new TextEncoder();
  const files: ZipEntry[] = [
    ...(i.snapshot ? [{ name: 'snapshot.jpg', data: i.snapshot }] : []),
    ...(i.clip ? [{ name: 'clip.mp4', data: i.clip }] : []),
    { name: 'facts.json', data: enc.encode(`${JSON.stringify(json, null, 2)}\n`) },
    { name: 'facts.txt', data: enc.encode(factsText(i, facts, missing)) },
  ];
  const listed: ManifestFile[] = files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) }));
  const manifest = { format: 'vigie-evidence/1', language: i.lang, alertId: a.id, exportedAt: new Date(i.exportedAtMs).toISOString(), exportedBy: i.exportedBy, files: listed, missing };
  return [
    ...files,
    { name: 'manifest.json', data: enc.encode(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'SHA256SUMS', data: enc.encode(listed.map((f) => `${f.sha256}  ${f.name}\n`).join('')) },
  ];
}
