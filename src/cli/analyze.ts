/** `vigie analyze <source> (--scenario F | --config F [--camera ID]) [--store DIR | --no-store] [--trace F]` */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { VigieError, errorMessage } from '../core/errors.ts';
import { createTraceWriter, type TraceWriter } from '../pipeline/trace.ts';
import type { Alert, CameraStatus, Frame, RuleEvent } from '../core/types.ts';
import { toZone } from '../config/zones.ts';
import type { CameraConfig, SiteConfig } from '../config/schema.ts';
import { loadConfig } from '../config/load.ts';
import { loadScenario, scenarioToCamera } from '../eval/scenario.ts';
import { runCamera } from '../pipeline/run-camera.ts';
import { openStore } from '../store/store.ts';
import { createAlertSink } from '../alerts/sink.ts';
import { openDetector, siteDefaults } from './shared.ts';
import { createProgress } from './progress.ts';
import { probeFile } from '../ingest/probe.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';

const USAGE = 'usage: vigie analyze <source> (--scenario F | --config F [--camera ID]) [--store DIR | --no-store] [--trace F.jsonl]';

export async function analyzeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scenario: { type: 'string' },
      config: { type: 'string' },
      camera: { type: 'string' },
      store: { type: 'string' },
      'no-store': { type: 'boolean', default: false },
      retries: { type: 'string' },
      trace: { type: 'string' },
    },
  });
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new VigieError('USAGE', USAGE);
  if (Boolean(values.scenario) === Boolean(values.config)) throw new VigieError('USAGE', `give exactly one of --scenario or --config\n${USAGE}`);
  const { site, camera } = values.scenario ? fromScenario(values.scenario, source) : fromConfig(values.config!, values.camera, source);
  const retries = values.retries === undefined ? 2 : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0) throw new VigieError('USAGE', `--retries: expected a non-negative integer`);

  const trace = values.trace === undefined ? undefined : openTrace(values.trace);
  const store = values['no-store'] ? undefined : openStore({ dir: path.resolve(values.store ?? site.store.dir) });
  const sink = store ? createAlertSink({ store }) : undefined;
  const opened = await openDetector(site.detector, { workers: 1 });
  const isFile = !/^[a-z]+:\/\//i.test(camera.url);
  const progress = isFile && process.stderr.isTTY ? createProgress(process.stderr, await fileSeconds(camera.url)) : undefined;
  let lastFailure: string | undefined;
  const onStatus = (status: CameraStatus): void => {
    if (status.state === 'reconnecting') process.stderr.write(`vigie: ${status.reason} (retry ${status.attempt})\n`);
    if (status.state === 'failed') lastFailure = status.reason;
  };
  const zones = camera.zones.map(toZone);
  const onEvent = async (event: RuleEvent, frame: Frame): Promise<void> => {
    const alert: Alert | RuleEvent = sink ? await sink.emit(event, { cameraId: camera.id, frame, zones }) : event;
    progress?.clear();
    process.stdout.write(`${JSON.stringify(alertLine(camera.id, alert))}\n`);
  };
  try {
    const result = await runCamera({
      camera,
      ...opened,
      fps: site.analysis.fps,
      width: site.analysis.width,
      motionGating: site.analysis.motionGating,
      maxRetries: retries,
      onStatus,
      onEvent,
      onFrame: (frame, frameResult) => {
        trace?.write(frame, frameResult);
        progress?.update(frame.tMs / 1000);
      },
      ...(trace ? { explain: true } : {}),
    });
    progress?.done(`${result.frames} frames, ${(result.footageMs / 1000).toFixed(1)} s analysed, ${result.stats.dropped} dropped`);
    if (result.status.state === 'failed' || lastFailure) {
      process.stderr.write(`vigie: ${lastFailure ?? 'source failed'}\n`);
      return 1;
    }
    return 0;
  } finally {
    await opened.detector.close();
    store?.close();
    trace?.close();
  }
}

function openTrace(file: string): TraceWriter {
  if (file.trim() === '') throw new VigieError('USAGE', '--trace: expected a file name');
  try {
    return createTraceWriter(path.resolve(file));
  } catch (err) {
    throw new VigieError('USAGE', `--trace: cannot write ${path.resolve(file)}: ${errorMessage(err)}`, { cause: err });
  }
}

function fromScenario(file: string, source: string): { site: SiteConfig; camera: CameraConfig } {
  const camera = { ...scenarioToCamera(loadScenario(file)), url: source };
  return { site: siteDefaults(undefined), camera };
}

function fromConfig(file: string, cameraId: string | undefined, source: string): { site: SiteConfig; camera: CameraConfig } {
  const site = loadConfig(file);
  const camera = cameraId ? site.cameras.find((c) => c.id === cameraId) : site.cameras[0];
  if (!camera) {
    throw new VigieError('USAGE', cameraId ? `${file}: no camera with id "${cameraId}"` : `${file}: the config has no camera`);
  }
  return { site, camera: { ...camera, url: source } };
}

/** The JSON line printed per alert: what, where, when. */
function alertLine(cameraId: string, a: Alert | RuleEvent): Record<string, unknown> {
  return {
    ...('id' in a ? { id: a.id } : {}),
    cameraId,
    type: a.type,
    t: Math.round(a.tMs) / 1000,
    zoneId: a.zoneId,
    trackId: a.trackId,
    box: a.box,
    score: Math.round(a.score * 1000) / 1000,
    message: a.message,
    ...('snapshotPath' in a && a.snapshotPath ? { snapshot: a.snapshotPath } : {}),
  };
}

/** Duration of a media file for the progress bar; undefined when unknown (a still, a bad file). */
async function fileSeconds(file: string): Promise<number | undefined> {
  const ffmpeg = resolveFfmpegPath();
  if (!ffmpeg) return undefined;
  const probe = await probeFile(ffmpeg, file);
  return probe.ok && !probe.info.still && probe.info.durationMs ? probe.info.durationMs / 1000 : undefined;
}
