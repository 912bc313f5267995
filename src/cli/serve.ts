/**
 * `vigie serve [--config F] [--demo]`: runs the analysis of every enabled camera, stores alerts
 * (SQLite + snapshots in the store dir) and prints them as JSON lines. Stops cleanly on SIGINT/SIGTERM.
 * Without a config it looks for ./vigie.yaml; with --demo (or when neither exists) it loops the real
 * clips of ../shared/data when present.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { siteConfigSchema, type CameraConfig, type SiteConfig } from '../config/schema.ts';
import { loadConfig } from '../config/load.ts';
import { toZone } from '../config/zones.ts';
import { loadScenario, scenarioToCamera } from '../eval/scenario.ts';
import { runCamera } from '../pipeline/run-camera.ts';
import { openStore } from '../store/store.ts';
import { createAlertSink } from '../alerts/sink.ts';
import { openDetector, type OpenedDetector } from './shared.ts';
import { sharedDataDir } from './data-dir.ts';

const DEMO_SCENARIOS = ['bgslibrary_video02', 'intel_car-detection'];

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, demo: { type: 'boolean', default: false } } });
  const site = resolveSite(values.config, values.demo);
  const cameras = site.cameras.filter((c) => c.enabled);
  if (cameras.length === 0) {
    log('no camera to analyse: write ./vigie.yaml (see examples/site.yaml) or run with --demo next to ../shared/data');
    return 0;
  }
  const store = openStore({ dir: path.resolve(site.store.dir) });
  const sink = createAlertSink({ store });
  sink.onAlert((a) => void process.stdout.write(`${JSON.stringify({ id: a.id, cameraId: a.cameraId, type: a.type, zoneId: a.zoneId, message: a.message, snapshot: a.snapshotPath })}\n`));
  const opened = await openDetector(site.detector, { workers: Math.min(cameras.length, 2) });
  const stop = new AbortController();
  const onSignal = (): void => {
    log('stopping...');
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  log(`analysing ${cameras.length} camera(s) at ${site.analysis.fps} fps, ${site.analysis.width} px; alerts in ${path.resolve(site.store.dir)}`);
  try {
    await Promise.all(cameras.map((camera) => serveCamera(camera, site, opened, sink, stop.signal)));
  } finally {
    await opened.detector.close();
    store.close();
  }
  return 0;
}

async function serveCamera(
  camera: CameraConfig,
  site: SiteConfig,
  opened: OpenedDetector,
  sink: ReturnType<typeof createAlertSink>,
  signal: AbortSignal,
): Promise<void> {
  const zones = camera.zones.map(toZone);
  const result = await runCamera({
    camera,
    ...opened,
    fps: site.analysis.fps,
    width: site.analysis.width,
    signal,
    onStatus: (s) => log(`camera ${camera.id}: ${s.state}${'reason' in s ? ` (${s.reason})` : ''}`),
    onEvent: async (event, frame) => void (await sink.emit(event, { cameraId: camera.id, frame, zones })),
  });
  log(`camera ${camera.id}: stopped after ${result.frames} frames (${result.stats.dropped} dropped)`);
}

function resolveSite(configFile: string | undefined, demo: boolean): SiteConfig {
  if (configFile) return loadConfig(configFile);
  if (!demo && existsSync('vigie.yaml')) return loadConfig('vigie.yaml');
  return siteConfigSchema.parse({ cameras: demoCameras() });
}

function demoCameras(): CameraConfig[] {
  const dir = sharedDataDir();
  if (!dir) return [];
  return DEMO_SCENARIOS.map((name) => path.join(dir, 'scenarios', `${name}.yaml`))
    .filter((file) => existsSync(file))
    .map((file) => ({ ...scenarioToCamera(loadScenario(file)), loop: true, realtime: true }));
}

function log(line: string): void {
  process.stderr.write(`[vigie] ${new Date().toISOString()} ${line}\n`);
}
