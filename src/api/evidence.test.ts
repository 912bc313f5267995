import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Alert } from '../core/types.ts';
import { cameraSchema } from '../config/schema.ts';
import type { Lang } from '../core/lang.ts';
import type { StoredAlert } from '../store/types.ts';
import { evidenceEntries } from './evidence-bundle.ts';
import { journalEntrySchema } from './doc-schemas.ts';
import { createTestApi, read, type TestApi } from './testing.ts';
import { readStoredZip } from './zip.ts';

const NOW = Date.UTC(2024, 5, 10, 12);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
const MP4 = Buffer.from('not really an mp4, but bytes to hash');
const alert = (id: string, over: Partial<Alert> = {}): Alert => ({
  id,
  cameraId: 'gate',
  type: 'wrong_way',
  tMs: 123_456,
  frameWallMs: NOW - 60_000,
  createdAtMs: NOW - 59_900,
  zoneId: 'lane',
  trackId: 4,
  box: { x1: 0.2, y1: 0.2, x2: 0.4, y2: 0.6 },
  score: 0.9,
  message: 'car going the wrong way in zone lane (170° off the allowed direction)',
  details: { angleDeg: 170, distance: 0.2, spanSeconds: 2.5 },
  ...over,
});
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('evidence export', () => {
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    api = createTestApi({ nowMs: () => NOW });
    admin = await api.admin();
    api.store.cameras.insert(
      cameraSchema.parse({ id: 'gate', name: 'North gate', url: '/x.mp4', enabled: false, events: ['wrong_way'], zones: [{ id: 'lane', kind: 'flow', polygon: [[0, 0], [1, 0], [1, 1]], direction: [1, 0] }] }),
      NOW,
    );
    const media = api.store.alerts.mediaDir;
    mkdirSync(path.join(media, 'gate/d'), { recursive: true });
    writeFileSync(path.join(media, 'gate/d/al-1.jpg'), JPEG);
    writeFileSync(path.join(media, 'gate/d/al-1.mp4'), MP4);
    api.store.alerts.insertAlert(alert('al-1', { snapshotPath: 'gate/d/al-1.jpg' }));
    api.store.alerts.setClipPath(['al-1'], 'gate/d/al-1.mp4');
  });
  afterEach(() => api.close());

  const download = async (id: string, cookie = admin): Promise<Response> => api.call('GET', `/api/alerts/${id}/evidence.zip`, undefined, cookie);

  it('gives one zip: snapshot, clip, facts, manifest whose SHA-256 match each file', async () => {
    const res = await download('al-1', await api.login('olga', 'operator'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="vigie-evidence-al-1.zip"');
    const entries = new Map(readStoredZip(new Uint8Array(await res.arrayBuffer())).map((e) => [e.name, e.data] as const));
    expect([...entries.keys()]).toEqual(['snapshot.jpg', 'clip.mp4', 'facts.json', 'facts.txt', 'manifest.json', 'SHA256SUMS']);
    expect(Buffer.from(entries.get('snapshot.jpg')!).equals(JPEG)).toBe(true);
    expect(Buffer.from(entries.get('clip.mp4')!).equals(MP4)).toBe(true);

    const manifest = z.object({ alertId: z.string(), exportedBy: z.string(), exportedAt: z.string(), missing: z.array(z.string()), files: z.array(z.object({ name: z.string(), bytes: z.number(), sha256: z.string() })) }).parse(JSON.parse(text(entries.get('manifest.json')!)));
    expect(manifest).toMatchObject({ alertId: 'al-1', exportedBy: 'olga', exportedAt: new Date(NOW).toISOString(), missing: [] });
    expect(manifest.files.map((f) => f.name)).toEqual(['snapshot.jpg', 'clip.mp4', 'facts.json', 'facts.txt']);
    for (const f of manifest.files) {
      expect(f.sha256).toBe(sha(entries.get(f.name)!));
      expect(f.bytes).toBe(entries.get(f.name)!.length);
    }
    expect(text(entries.get('SHA256SUMS')!)).toBe(manifest.files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));

    const facts = JSON.parse(text(entries.get('facts.json')!)) as { alert: { id: string; frameWallTime: string }; facts: { label: string; text: string }[] };
    expect(facts.alert).toMatchObject({ id: 'al-1', frameWallTime: new Date(NOW - 60_000).toISOString() });
    // The deployment's language, French by default.
    const txt = text(entries.get('facts.txt')!);
    expect(txt).toContain('Éléments de preuve Vigie : alerte contresens al-1');
    expect(txt).toContain('Caméra : North gate (gate)');
    expect(txt).toContain("Heure de l'image : 2024-06-10 11:59:00.000 UTC");
    expect(txt).toContain('Zone : lane (sens de circulation)');
    expect(txt).toContain('Écart au sens autorisé : 170°');
    expect(txt).toContain('Statut : pas encore qualifiée');
    expect(txt).not.toMatch(/angleDeg|tMs|123\.5/);
  });

  it('says what is missing, answers 202 while the clip encodes, 404 for no alert, 401 without a session', async () => {
    api.store.alerts.insertAlert(alert('al-2', { type: 'fire', zoneId: undefined, details: { heldSeconds: 2, regions: 1, source: 'model' } }));
    const res = await download('al-2');
    expect(res.status).toBe(200);
    const entries = readStoredZip(new Uint8Array(await res.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual(['facts.json', 'facts.txt', 'manifest.json', 'SHA256SUMS']);
    expect(JSON.parse(text(entries[2]!.data))).toMatchObject({ language: 'fr', missing: ['snapshot.jpg (non enregistré ou supprimé)', 'clip.mp4 (non enregistré ou supprimé)'] });
    expect(text(entries[1]!.data)).toContain('Détecté par : le détecteur de feu et de fumée');

    api.pendingClips.add('al-2');
    const pending = await download('al-2');
    expect(pending.status).toBe(202);
    expect(await pending.json()).toEqual({ pending: true });
    expect((await download('none')).status).toBe(404);
    expect((await download('al-1', 'no-such-session')).status).toBe(401);
  });

  it.each<[Lang, string[]]>([
    ['en', ['Vigie evidence: wrong way alert al-9', 'Camera: North gate (gate)', 'Time of the frame: 2024-06-10 11:59:00.000 UTC', 'Zone: lane (flow)', 'Distance travelled: 20 % of the frame', 'Over: 2.5 s', 'Status: false alarm by olga at 2024-06-10 12:00:00.000 UTC (note: patrol sent)', 'Missing: clip.mp4 (not recorded or deleted)', 'Exported at 2024-06-10 12:00:00.000 UTC by ana. SHA-256 of each file in manifest.json and SHA256SUMS.']],
    ['fr', ['Éléments de preuve Vigie : alerte contresens al-9', 'Caméra : North gate (gate)', 'Zone : lane (sens de circulation)', "Distance parcourue : 20 % de l'image", 'En : 2,5 s', 'Statut : fausse alerte par olga le 2024-06-10 12:00:00.000 UTC (note : patrol sent)', 'Manquant : clip.mp4 (non enregistré ou supprimé)', 'Exporté le 2024-06-10 12:00:00.000 UTC par ana. SHA-256 de chaque fichier dans manifest.json et SHA256SUMS.']],
  ])('writes facts.txt in the language asked (%s)', (lang, lines) => {
    const stored: StoredAlert = { ...alert('al-9'), status: 'false_alarm', qualifiedBy: 'olga', qualifiedAtMs: NOW, note: 'patrol sent' };
    const entries = evidenceEntries({ alert: stored, cameraName: 'North gate', zoneKind: 'flow', snapshot: JPEG, exportedAtMs: NOW, exportedBy: 'ana', lang });
    const txt = text(entries.find((e) => e.name === 'facts.txt')!.data);
    for (const line of lines) expect(txt.split('\n')).toContain(line);
  });

  it('is journaled with who and which alert', async () => {
    await download('al-1');
    const entries = await read(api.call('GET', '/api/journal?limit=50', undefined, admin), z.array(journalEntrySchema));
    expect(entries.filter((e) => e.action.includes('evidence')).map((e) => [e.action, e.actor, e.target])).toEqual([['GET /api/alerts/:id/evidence.zip', 'admin', 'al-1']]);
  });
});
