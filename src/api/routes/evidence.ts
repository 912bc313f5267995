/**
 * /api/alerts/:id/evidence.zip: the alert's evidence as one archive (snapshot, clip, facts,
 * manifest with SHA-256). Same access as the clip; journaled by the access middleware like every
 * route. 202 { pending: true } while the clip is still encoding. Written in the deployment's
 * language (console.language).
 */
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { resolveMediaPath } from '../../store/media.ts';
import { DEFAULT_LANG } from '../../core/lang.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { evidenceEntries } from '../evidence-bundle.ts';
import { zipStored } from '../zip.ts';

/** The file's bytes, or undefined when it was never recorded or is gone (retention). */
async function readMedia(mediaDir: string, relPath: string | undefined): Promise<Uint8Array | undefined> {
  if (!relPath) return undefined;
  try {
    return await readFile(resolveMediaPath(mediaDir, relPath));
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

export function evidenceRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const store = deps.store.alerts;
  const now = deps.nowMs ?? Date.now;
  const app = new Hono<ApiEnv>();
  app.get('/alerts/:id/evidence.zip', async (c) => {
    const alert = store.getAlert(c.req.param('id'));
    if (!alert) throw notFound(`alert "${c.req.param('id')}"`);
    if (deps.clipPending(alert.id)) return c.json({ pending: true }, 202);
    const camera = deps.store.cameras.get(alert.cameraId);
    const zoneKind = camera?.zones.find((z) => z.id === alert.zoneId)?.kind;
    const [snapshot, clip] = await Promise.all([readMedia(store.mediaDir, alert.snapshotPath), readMedia(store.mediaDir, alert.clipPath)]);
    const atMs = now();
    const entries = evidenceEntries({
      alert,
      ...(camera?.name ? { cameraName: camera.name } : {}),
      ...(zoneKind ? { zoneKind } : {}),
      ...(snapshot ? { snapshot } : {}),
      ...(clip ? { clip } : {}),
      exportedAtMs: atMs,
      exportedBy: c.get('user').username,
      lang: deps.language ?? DEFAULT_LANG,
    });
    const zip = zipStored(entries, atMs);
    return c.body(zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength) as ArrayBuffer, 200, {
      'Content-Type': 'application/zip',
      'Content-Length': String(zip.length),
      'Content-Disposition': `attachment; filename="vigie-evidence-${alert.id.replace(/[^\w.-]/g, '_')}.zip"`,
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
