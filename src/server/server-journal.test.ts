import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectorSchema, siteConfigSchema } from '../config/schema.ts';
import { fileSha256, modelFileOf, modelIdentity } from '../detect/model-identity.ts';
import { readPublicKeyFile, SIGNING_KEY_FILE } from '../store/journal-key.ts';
import { verifyDatabaseFile } from '../store/journal-verify-db.ts';
import { DB_FILE } from '../store/store.ts';
import { waitFor } from '../ingest/testing.ts';
import { silentLogger } from './log.ts';
import { startServer } from './server.ts';

describe('the journal of a server: starts and stops, signed at stop', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-serve-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = () => startServer({ dataDir: path.join(dir, 'data'), site: siteConfigSchema.parse({}), port: 0, logger: silentLogger, ffmpegPath: null, webDir: path.join(dir, 'no-web') });

  it('journals server.start (with the key in use) and server.stop, and signs the head at a clean stop', async () => {
    for (let run = 0; run < 2; run++) await (await start()).close();
    const data = path.join(dir, 'data');
    const key = readPublicKeyFile(path.join(data, SIGNING_KEY_FILE));
    const check = verifyDatabaseFile(path.join(data, DB_FILE), { key });
    expect(check).toMatchObject({ ok: true, unsigned: 0 });
    const server = await start();
    try {
      const rows = server.store.journal.list({ action: 'server.' }).reverse();
      expect(rows.map((e) => e.action)).toEqual(['server.start', 'server.stop', 'server.start', 'server.stop', 'server.start']);
      expect(rows[0]!.details).toMatchObject({ version: expect.any(String), cameras: 0, journalKey: key.fingerprint });
      expect(rows[1]!.details).toMatchObject({ uptimeS: expect.any(Number) });
      expect(check.ok && check.lastSignedSeq).toBe(rows[3]!.seq);
    } finally {
      await server.close();
    }
  });

  it('signs the head on a timer when entries were written', async () => {
    const server = await startServer({ dataDir: path.join(dir, 'data'), site: siteConfigSchema.parse({}), port: 0, logger: silentLogger, ffmpegPath: null, webDir: path.join(dir, 'no-web'), journalCheckpointMs: 20 });
    try {
      const { seq } = server.store.journal.append({ atMs: Date.now(), action: 'test.entry' });
      await waitFor('the head signed', () => server.store.journal.checkpoints().some((c) => (JSON.parse(c.payload) as { seq: number }).seq === seq));
    } finally {
      await server.close();
    }
  });
});

describe('model identity', () => {
  it('names the model file and hashes it (SHA-256)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-model-'));
    try {
      const file = path.join(dir, 'yolo11n.onnx');
      writeFileSync(file, 'abc');
      const sha = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
      expect(await fileSha256(file)).toBe(sha);
      expect(await modelIdentity(detectorSchema.parse({ kind: 'yolo', model: 'yolo11n.onnx', classMap: { '0': 'person' } }), '/nowhere', dir)).toEqual({ name: 'yolo:yolo11n.onnx', sha256: sha });
      expect(modelFileOf(detectorSchema.parse({ kind: 'nanodet' }), dir)).toBe(path.join(dir, 'nanodet.onnx'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
