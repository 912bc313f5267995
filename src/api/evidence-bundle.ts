/**
 * The evidence of one alert as one archive: the snapshot, the clip, the facts (JSON and readable
 * text) and a manifest with the SHA-256 of each file (also as SHA256SUMS, for `sha256sum -c`).
 * Pure: the route reads the files and zips what this returns.
 */
import { createHash } from 'node:crypto';
import { alertFacts, type Fact } from '../core/alert-facts.ts';
import type { StoredAlert } from '../store/types.ts';
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
}

export interface ManifestFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** `2024-01-02 03:04:05.123 UTC`: the export is read anywhere, so it says its zone. */
export const utcTime = (ms: number): string => `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} UTC`;

function factsText(i: EvidenceInput, facts: readonly Fact[], missing: readonly string[]): string {
  const a = i.alert;
  const qualified = a.status === 'new' ? 'not qualified yet' : `${a.status.replace('_', ' ')} by ${a.qualifiedBy ?? '?'} at ${a.qualifiedAtMs ? utcTime(a.qualifiedAtMs) : '?'}${a.note ? ` (note: ${a.note})` : ''}`;
  return [
    `Vigie evidence: ${a.type.replace('_', ' ')} alert ${a.id}`,
    '',
    a.message,
    '',
    ...facts.map((f) => `${f.label}: ${f.text}`),
    `Alert recorded at: ${utcTime(a.createdAtMs)}`,
    `Status: ${qualified}`,
    '',
    'snapshot.jpg: the analysed frame, box and zone drawn.',
    'clip.mp4: about 5 s before and after; the box, a red border at the alert moment and the wall-clock time (server time zone) burnt in.',
    ...missing.map((m) => `Missing: ${m}`),
    '',
    `Exported at ${utcTime(i.exportedAtMs)} by ${i.exportedBy}. SHA-256 of each file in manifest.json and SHA256SUMS.`,
    '',
  ].join('\n');
}

/** The archive's entries, manifest and SHA256SUMS last. */
export function evidenceEntries(i: EvidenceInput): ZipEntry[] {
  const a = i.alert;
  const facts = alertFacts(a, { ...(i.cameraName ? { cameraName: i.cameraName } : {}), ...(i.zoneKind ? { zoneKind: i.zoneKind } : {}), formatTime: utcTime });
  const missing = [...(i.snapshot ? [] : ['snapshot.jpg (not recorded or deleted)']), ...(i.clip ? [] : ['clip.mp4 (not recorded or deleted)'])];
  const json = { alert: { ...a, frameWallTime: new Date(a.frameWallMs).toISOString(), createdAt: new Date(a.createdAtMs).toISOString() }, facts };
  const enc = new TextEncoder();
  const files: ZipEntry[] = [
    ...(i.snapshot ? [{ name: 'snapshot.jpg', data: i.snapshot }] : []),
    ...(i.clip ? [{ name: 'clip.mp4', data: i.clip }] : []),
    { name: 'facts.json', data: enc.encode(`${JSON.stringify(json, null, 2)}\n`) },
    { name: 'facts.txt', data: enc.encode(factsText(i, facts, missing)) },
  ];
  const listed: ManifestFile[] = files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) }));
  const manifest = { format: 'vigie-evidence/1', alertId: a.id, exportedAt: new Date(i.exportedAtMs).toISOString(), exportedBy: i.exportedBy, files: listed, missing };
  return [
    ...files,
    { name: 'manifest.json', data: enc.encode(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'SHA256SUMS', data: enc.encode(listed.map((f) => `${f.sha256}  ${f.name}\n`).join('')) },
  ];
}
