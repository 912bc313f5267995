/**
 * The console server, the composition root of `vigie serve`: store, accounts, alert sink, cameras,
 * evidence clips, webhooks, WebSocket hub and HTTP app on one port, and the hourly retention purge.
 * close() stops the cameras (and their ffmpeg), finishes the clips, flushes the deliveries and
 * closes the database.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { CameraConfig, SiteConfig } from '../config/schema.ts';
import { createAlertSink } from '../alerts/sink.ts';
import { createAuth } from '../auth/auth.ts';
import { createApiApp } from '../api/app.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import { createCameraManager } from './camera-manager.ts';
import { testCameraSource } from './camera-test.ts';
import { createClipRecorder } from './clip-recorder.ts';
import { lazyDetector, openSiteDetector, type SharedDetector } from './detector.ts';
import { createLatencyRecorder, type LatencySummary } from './latency.ts';
import { createActiveAlerts, frameMessage, withLiveJpeg } from './live.ts';
import { stderrLogger, type Logger } from './log.ts';
import { webConsole } from './static.ts';
import { createKeyedThrottle } from './throttle.ts';
import { createWebhookDispatcher } from './webhooks.ts';
import { createWsHub } from './ws-hub.ts';
import { createViewingCheck } from '../auth/habilitation-check.ts';
import { wireAlerts } from './wire-alerts.ts';
import { createRetention } from './retention.ts';
import { journalWriter } from '../store/journal.ts';
import { CHECKPOINT_INTERVAL_MS } from '../store/journal-checkpoints.ts';
import { createMediaViews } from '../api/journal-views.ts';
import { hostAllowList } from '../api/guard/host.ts';
import { createRefusals } from '../api/guard/refusals.ts';
import { cameraProblem, confineCameras, confineSourceTest } from './confined-cameras.ts';
import type { Store } from '../store/types.ts';
import { errorMessage } from '../core/errors.ts';
import { createReliability } from './reliability.ts';
import { RESCUE_FILE } from './alert-rescue.ts';
import { reportProviders } from '../legal/report-providers.ts';
import { createLegalControl } from '../legal/control.ts';
import { AUTHORISATION_DETAIL, gateAlerts } from '../legal/alert-gate.ts';
import { seedAuthorisations } from '../legal/seed.ts';
import type { AuthorisationInput } from '../store/authorisations.ts';
import { connectConsoleBus } from '../bus/console.ts';
import type { BusSecurity } from '../bus/bus-access.ts';
import { liveFrameMessage } from '../bus/console-live.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerOptions {
  readonly dataDir: string;
  /** Analysis rate and width, detector. Its cameras are not read: pass them as seedCameras. */
  readonly site: SiteConfig;
  /** Written to the database on the first start only (a --config file). */
  readonly seedCameras?: readonly CameraConfig[];
  /** Added when their id is not there yet (--demo). */
  readonly extraCameras?: readonly CameraConfig[];
  /** Recorded (journaled, by the system) unless one with the same reference is in force or to come: the --demo authorisation, test set-ups. */
  readonly seedAuthorisations?: readonly AuthorisationInput[];
  readonly port?: number;
  readonly host?: string;
  /** The address users reach the console at (--public-url, e.g. behind a reverse proxy): its host is allowed, https makes cookies Secure. */
  readonly publicUrl?: string;
  readonly webDir?: string;
  readonly logger?: Logger;
  /** Overrides the site detector (tests: a replay or fake detector). */
  readonly openDetector?: () => Promise<SharedDetector>;
  /** Overrides the ffmpeg used for clips; null: no clips. */
  readonly ffmpegPath?: string | null;
  readonly clip?: { readonly preMs?: number; readonly postMs?: number };
  /** Fault injection for tests: wraps the alert store the sink writes into (a full disk...). */
  readonly wrapAlertStore?: (store: Pick<Store, 'insertAlert' | 'mediaDir'>) => Pick<Store, 'insertAlert' | 'mediaDir'>;
  /** Free bytes of the data folder (tests); default fs.statfs. */
  readonly diskFreeBytes?: (dir: string) => Promise<number>;
  /** Between two camera-loss checks (and retries of unstored alerts); default from health.cameraLossS. */
  readonly watchIntervalMs?: number;
  /** Between two signatures of the journal's head when entries were written (default CHECKPOINT_INTERVAL_MS, a minute). */
  readonly journalCheckpointMs?: number;
  /** Waits between webhook attempts (default: 10 s … 1 h, see RETRY_DELAYS_MS). */
  readonly webhookRetryDelaysMs?: readonly number[];
  /**
   * The distributed mode (`--bus nats://host:port`): the cameras run on `vigie worker --bus` nodes
   * (src/bus/); this console opens no detector and runs no ffmpeg for analysis; live frames come from the workers while watched.
   */
  readonly bus?: { readonly url: string; readonly security?: BusSecurity };
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: ConsoleStore;
  /** The one-time first-run token while no account exists (also printed at start). */
  setupToken(): string | undefined;
  /** Alert latency: analysed frame -> WebSocket send, and the sink's part of it (snapshot, row, send). */
  latency(): { frameToSend: LatencySummary; sinkToSend: LatencySummary };
  close(): Promise<void>;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const logger = opts.logger ?? stderrLogger();
  const { fps, width } = opts.site.analysis;
  // First: a bus not there at start is an error before anything is opened.
  const consoleBus = opts.bus ? await connectConsoleBus({ url: opts.bus.url, ...(opts.bus.security ? { security: opts.bus.security } : {}), logger, analysis: { fps, width, motionGating: opts.site.analysis.motionGating } }) : undefined;
  const store = openConsoleStore({ dir: opts.dataDir });
  const seeded = store.cameras.seedOnce('cameras_seeded', opts.seedCameras ?? [], Date.now());
  const extra = store.cameras.addMissing(opts.extraCameras ?? [], Date.now());
  if (seeded + extra > 0) logger.info(`${seeded + extra} camera(s) added to ${store.alerts.dir}`);

  const auth = createAuth({ users: store.users, sessions: store.sessions });
  const record = journalWriter(store.journal, (m) => logger.error(m));
  // legal.requireAuthorisation: a camera is analysed only under an authorisation in force (src/legal/).
  const legal = createLegalControl({ store: store.authorisations, required: opts.site.legal.requireAuthorisation, record, logger });
  await seedAuthorisations(legal, opts.seedAuthorisations ?? [], logger);
  const reliability = createReliability({
    store,
    health: opts.site.health,
    logger,
    record,
    broadcast: (m) => hub.broadcast(m),
    // A camera kept from analysis by the legal framework is not lost: no system alert, no red health.
    cameras: () => cameras.list().filter((c) => !c.enabled || legal.refusal(c) === undefined),
    ...(consoleBus ? { workers: () => consoleBus.workers() } : {}),
    ...(opts.wrapAlertStore ? { wrapAlertStore: opts.wrapAlertStore } : {}),
    ...(opts.diskFreeBytes ? { diskFreeBytes: opts.diskFreeBytes } : {}),
    ...(opts.watchIntervalMs !== undefined ? { watchIntervalMs: opts.watchIntervalMs } : {}),
  });
  const sink = createAlertSink({ store: reliability.alertStore, logger: { error: (m, f) => logger.error(`${m} ${JSON.stringify(f ?? {})}`) } });
  const latency = createLatencyRecorder();
  const sinkLatency = createLatencyRecorder();
  const active = createActiveAlerts();
  const webhooks = createWebhookDispatcher({ store: store.webhooks, logger, ...(opts.webhookRetryDelaysMs ? { retryDelaysMs: opts.webhookRetryDelaysMs } : {}) });
  const enabled = store.cameras.list().cameras.filter((c) => c.enabled).length;
  const detector = lazyDetector(opts.openDetector ?? (() => openSiteDetector(opts.site.detector, Math.min(2, Math.max(1, enabled)))));
  const ffmpegPath = opts.ffmpegPath === null ? undefined : (opts.ffmpegPath ?? resolveFfmpegPath());
  const clips = consoleBus?.clips ?? createClipRecorder({ mediaDir: store.alerts.mediaDir, ffmpegPath, fps, logger, onClip: (ids, rel) => onClip(ids, rel), ...opts.clip });
  const cameras = createCameraManager({
    store: store.cameras,
    statusLog: store.statusLog,
    fps,
    width,
    motionGating: opts.site.analysis.motionGating,
    lossAfterMs: opts.site.health.cameraLossS * 1000,
    detector: detector.get,
    sink: gateAlerts(sink, legal, record),
    logger,
    onChange: (id) => throttle.push(id, id),
    onFrame: (frame, result) => {
      clips.pushFrame(frame);
      const id = frame.cameraId;
      const live = (): boolean => hub.watched(id) && legal.liveRefusal(id) === undefined;
      if (!live()) return;
      // Checked again when the decoder's JPEG is there (a few ms later): the view may have closed, the right lapsed.
      withLiveJpeg(
        frame,
        (decoded) => {
          if (live()) hub.sendFrame(id, () => frameMessage(frame, result, active.ids(id, Date.now()), decoded));
        },
        (err) => logger.error(`camera ${id}: live frame not sent: ${errorMessage(err)}`),
      );
    },
    onStopped: (id) => clips.finishCamera(id),
    // The allowed folders may have changed since a camera was stored: checked again at every start;
    // then the legal framework (an authorisation in force, no kill switch), with only the authorised events.
    refuse: (c: CameraConfig) => (opts.site.security.allowedDirs.length > 0 ? cameraProblem(c, opts.site.security.allowedDirs) : undefined) ?? legal.refusal(c),
    narrow: (c) => legal.narrow(c),
    ...(consoleBus ? { startRunner: consoleBus.runners.startRunner } : {}),
  });
  legal.bind({ list: () => cameras.list(), recheck: () => cameras.recheck() });
  const hub = createWsHub({
    resolveSession: auth.resolve,
    hello: () => ({ type: 'hello', cameras: cameras.list() }),
    logger,
    journal: (actor, action, details) => record({ atMs: Date.now(), actor, action, ...(details ? { details } : {}) }),
    viewing: createViewingCheck(store.habilitations),
    liveUnavailable: (id) => legal.liveRefusal(id) ?? liveRelay?.unavailable(id),
    ...(consoleBus ? { onWatch: (id: string) => liveRelay?.watch(id) } : {}),
  });
  // Bus mode: the frames of the cameras watched come from their workers, only while watched.
  const liveRelay = consoleBus?.startLive({
    watched: () => cameras.list().filter((c) => c.enabled && hub.watched(c.id)).map((c) => c.id),
    allowed: (id) => legal.liveRefusal(id) === undefined,
    onFrame: (f) => hub.sendFrame(f.cameraId, () => liveFrameMessage(f, active.ids(f.cameraId, Date.now()))),
    onUnavailable: (cameraId, reason) => hub.sendFrame(cameraId, () => ({ type: 'live-unavailable', cameraId, reason })),
  });
  sink.onAlert((alert, origin) => {
    // Which model raised it: its file name and SHA-256 (hashed once when the detector opened, or as a bus worker says); the authorisation it was raised under.
    const shared = detector.current();
    const model = origin?.model ?? shared?.model ?? (shared ? { name: shared.detector.name } : undefined);
    const modelDetails = model ? { model: model.name, ...(model.sha256 ? { modelSha256: model.sha256 } : {}) } : {};
    record({ atMs: alert.createdAtMs, action: 'alert.raised', target: alert.id, details: { type: alert.type, cameraId: alert.cameraId, ...(alert.zoneId ? { zoneId: alert.zoneId } : {}), ...modelDetails, ...(alert.details?.[AUTHORISATION_DETAIL] !== undefined ? { authorisation: alert.details[AUTHORISATION_DETAIL] } : {}) } });
  });
  const throttle = createKeyedThrottle<string>(1000, (id) => {
    const camera = cameras.view(id);
    if (camera) hub.broadcast({ type: 'camera', camera });
  });
  const onClip = wireAlerts({ sink, store: store.alerts, hub, latency, sinkLatency, active, clips, webhooks, logger, isKept: reliability.isKept, systemAlerts: reliability.systemAlerts });

  const version = packageVersion();
  const bindHost = opts.host ?? '127.0.0.1';
  // Known once listening (--port 0): until then no Host is allowed.
  let hostAllowed: (host: string) => boolean = () => false;
  const refusals = createRefusals(record);
  const mediaViews = createMediaViews(record);
  const app = createApiApp(
    {
      version,
      auth,
      store,
      cameras: confineCameras(cameras, opts.site.security.allowedDirs),
      testCamera: confineSourceTest((url) => testCameraSource(url), opts.site.security.allowedDirs),
      clipPending: (id) => clips.isPending(id),
      ...(liveRelay ? { liveJpeg: (id: string) => liveRelay.latestJpeg(id) } : {}),
      onQualified: (alert) => hub.broadcast({ type: 'alert-updated', alert }),
      onSessionsChanged: () => hub.recheckSessions(),
      systemHealth: reliability.health,
      unstoredAlerts: reliability.unstored,
      onDeliveryQueued: () => webhooks.kick(),
      logger,
      secureCookie: opts.publicUrl?.startsWith('https://') ?? false,
      language: opts.site.console.language,
      reportProviders: reportProviders(store.authorisations),
      publicNotice: { operator: opts.site.legal.operator, retention: opts.site.retention },
      requestGuard: { hostAllowed: (host) => hostAllowed(host), publicOrigin: opts.publicUrl ? new URL(opts.publicUrl).origin : undefined },
      refusals,
      mediaViews,
      legal,
    },
    { fallback: webConsole(opts.webDir ?? path.join(REPO_ROOT, 'web/dist')) },
  );
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  server.on('upgrade', (req, socket, head) => {
    if (hostAllowed(req.headers.host ?? '')) return hub.handleUpgrade(req, socket, head);
    socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, bindHost, () => resolve());
  }).catch(async (err: unknown) => {
    await consoleBus?.close(); // its connection would keep the process alive
    throw err;
  });
  server.on('error', (err) => logger.error(`http server: ${err.message}`));
  cameras.start();
  await legal.start();
  await consoleBus?.start({ sink, legal, record, store: store.alerts, isKept: reliability.isKept, onClip, onCameraChange: (id) => throttle.push(id, id) });
  reliability.start();
  const retention = createRetention({ store, policy: opts.site.retention, logger });
  retention.runOnce();
  const port = (server.address() as AddressInfo).port;
  hostAllowed = hostAllowList({ bind: bindHost, port, publicUrl: opts.publicUrl });
  const sweep = setInterval(() => {
    refusals.sweep(Date.now());
    mediaViews.sweep(Date.now());
  }, 10_000);
  sweep.unref();
  // The journal's head signed every minute when entries were written (and every 100 entries, and at stop).
  const signHead = (): void => {
    try {
      store.journal.checkpoint();
    } catch (err) {
      logger.error(`journal: cannot sign the head: ${errorMessage(err)}`);
    }
  };
  const signing = setInterval(signHead, opts.journalCheckpointMs ?? CHECKPOINT_INTERVAL_MS);
  signing.unref();
  const startedAtMs = Date.now();
  const journalKey = store.journal.signing()?.key.fingerprint;
  record({ atMs: startedAtMs, action: 'server.start', details: { version, cameras: cameras.list().length, ...(journalKey ? { journalKey } : {}) } });
  const url = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;
  logger.info(`console on ${url} (data in ${store.alerts.dir}, ${cameras.list().length} camera(s))`);
  if (opts.publicUrl) logger.info(`public address ${opts.publicUrl}`);
  const token = auth.setupToken();
  if (token) logger.info(`first-run token: ${token} (no account yet: the console's first-run page asks for it to create the administrator)`);

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    legal.close();
    hub.close();
    retention.close();
    clearInterval(sweep);
    clearInterval(signing);
    reliability.stop();
    throttle.cancel();
    // Bus mode: the consumers stop, the runners are detached (the workers keep the cameras running).
    await consoleBus?.close();
    await cameras.close();
    await clips.close();
    await webhooks.close();
    await detector.close();
    server.closeAllConnections();
    await closed;
    refusals.flush();
    mediaViews.flush();
    const { left, rescue } = reliability.flush();
    if (rescue?.path) logger.error(`${left} alert(s) could not be stored before stopping (disk full): written to ${rescue.path}${rescue.path.endsWith(`${path.sep}${RESCUE_FILE}`) ? ', read back at the next start' : ' (move it into the data folder as unstored-alerts.ndjson to store them at the next start)'}`);
    else if (left > 0) logger.error(`${left} alert(s) lost: neither the store nor a rescue file could take them (${rescue?.failures.join('; ') ?? ''})`);
    record({ atMs: Date.now(), action: 'server.stop', details: { version, uptimeS: Math.round((Date.now() - startedAtMs) / 1000) } });
    signHead();
    store.close();
  };
  return { url, port, store, setupToken: () => auth.setupToken(), latency: () => ({ frameToSend: latency.summary(), sinkToSend: sinkLatency.summary() }), close: () => (closing ??= close()) };
}
