/**
 * The console side of the distributed mode (`vigie serve --bus URL`), composed for the server: the
 * cameras' runners put their assignments in KV (remote-runner.ts), the workers' status, alerts and
 * clips are consumed (console-status.ts, console-alerts.ts, console-media.ts). The console opens no
 * detector and runs no ffmpeg for analysis. The live view asks the workers for the frames of the
 * cameras watched, only while they are (console-live.ts).
 */
import type { AlertSink } from '../alerts/sink.ts';
import type { LegalControl } from '../legal/control.ts';
import type { JournalInput } from '../store/journal.ts';
import type { Store } from '../store/types.ts';
import type { ClipRecorder } from '../server/clip-recorder.ts';
import type { Logger } from '../server/log.ts';
import { connectBus, type Bus } from './connect.ts';
import { safeBusUrl, type BusSecurity } from './bus-access.ts';
import { CONSUMER_ALERTS, CONSUMER_MEDIA, STREAM_ALERTS, STREAM_MEDIA, type CameraAssignment } from './protocol.ts';
import { createRemoteRunners, type RemoteRunners } from './remote-runner.ts';
import { consumeStatus, createStatusBoard } from './console-status.ts';
import { createAlertIntake, handleAlertMsg, type AlertOutcome } from './console-alerts.ts';
import { createMediaIntake, type MediaIntake } from './console-media.ts';
import { ensureDurable, runConsumer, type ConsumerLoop } from './console-consume.ts';
import { createLiveRelay, type LiveRelay, type LiveRelayOptions } from './console-live.ts';
import { watchWorkers, type WorkerView } from './console-workers.ts';

/** An unacknowledged alert or clip chunk is delivered again after this long. */
export const ACK_WAIT_MS = 30_000;

export interface ConsoleBusOptions {
  readonly url: string;
  /** TLS files, an NKey seed or a credentials file (`--bus-ca`, `--bus-nkey`...). */
  readonly security?: BusSecurity;
  readonly logger: Logger;
  readonly analysis: CameraAssignment['analysis'];
  /** Incomplete clips are dropped after this long (default 5 min). */
  readonly clipMaxAgeMs?: number;
}

export interface ConsoleBusDeps {
  readonly sink: Pick<AlertSink, 'accept'>;
  readonly legal: Pick<LegalControl, 'alertVerdict'>;
  readonly record: (e: JournalInput) => void;
  readonly store: Pick<Store, 'getAlert' | 'mediaDir'>;
  /** The alert is kept by the reliability buffer (disk full): known, not stored yet. */
  readonly isKept: (alertId: string) => boolean;
  readonly onClip: (alertIds: readonly string[], relPath: string) => void;
  /** A camera's status changed: its view is broadcast. */
  readonly onCameraChange: (cameraId: string) => void;
}

export interface ConsoleBus {
  readonly bus: Bus;
  readonly runners: RemoteRunners;
  /** The clip recorder of the server in bus mode: the clips come from the workers. */
  readonly clips: ClipRecorder;
  /** Once the cameras and the legal control started: deletes unwanted assignments, consumes status, alerts and clips. */
  start(deps: ConsoleBusDeps): Promise<void>;
  /** The live view over the bus (once; stopped by close()). */
  startLive(opts: Omit<LiveRelayOptions, 'nc' | 'logger'>): LiveRelay;
  /** The workers with a heartbeat on the bus, alive or silent (console-workers.ts). */
  workers(): WorkerView[];
  /** What the alert consumer did so far. */
  alertCounts(): Readonly<Record<AlertOutcome, number>>;
  /** Stops consuming (in-flight messages finished) and closes the connection; the assignments stay. */
  close(): Promise<void>;
}

export async function connectConsoleBus(opts: ConsoleBusOptions): Promise<ConsoleBus> {
  const { logger } = opts;
  const bus = await connectBus({ url: opts.url, ...(opts.security ? { security: opts.security } : {}), name: 'vigie-console', logger });
  logger.info(`console on the bus ${safeBusUrl(opts.url)}: cameras analysed by the workers`);
  const board = createStatusBoard();
  const workerBoard = watchWorkers({ kv: bus.workers, logger });
  const runners = createRemoteRunners({ cameras: bus.cameras, analysis: opts.analysis, status: board, logger });
  const loops: ConsumerLoop[] = [];
  let media: MediaIntake | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let live: LiveRelay | undefined;
  let counts = (): Readonly<Record<AlertOutcome, number>> => ({ stored: 0, duplicate: 0, refused: 0, malformed: 0 });
  const clips: ClipRecorder = {
    pushFrame: () => undefined,
    onAlert: () => undefined,
    isPending: (id) => media?.isPending(id) ?? false,
    finishCamera: async () => undefined,
    ringBytes: () => 0,
    close: async () => undefined,
  };

  return {
    bus,
    runners,
    clips,
    async start(deps) {
      // The cameras' assignments are in (a bus that fails now is retried in the background), then the unwanted ones go.
      await Promise.race([runners.settled(), new Promise((r) => setTimeout(r, 5000).unref())]);
      await runners.prune().catch((err: unknown) => logger.error(`bus: unwanted camera assignments not deleted: ${err instanceof Error ? err.message : String(err)}`));
      loops.push(
        consumeStatus({
          js: bus.js,
          board,
          logger,
          onChange: (id) => {
            runners.statusChanged(id);
            deps.onCameraChange(id);
          },
        }),
      );
      await ensureDurable(bus.jsm, STREAM_ALERTS, CONSUMER_ALERTS, { ackWaitMs: ACK_WAIT_MS });
      const intake = createAlertIntake({ sink: deps.sink, legal: deps.legal, record: deps.record, logger, known: (id) => deps.store.getAlert(id) !== undefined || deps.isKept(id) });
      counts = intake.counts;
      loops.push(
        runConsumer({
          js: bus.js,
          stream: STREAM_ALERTS,
          consumer: CONSUMER_ALERTS,
          label: 'alerts',
          logger,
          handle: async (m) => {
            // A clip that came before its alert waits in the media intake: tried again at once.
            if ((await handleAlertMsg(intake, m)) === 'stored') await media?.sweep();
          },
        }),
      );
      await ensureDurable(bus.jsm, STREAM_MEDIA, CONSUMER_MEDIA, { ackWaitMs: ACK_WAIT_MS, maxAckPending: 4096 });
      const mediaIntake = createMediaIntake({ mediaDir: deps.store.mediaDir, store: deps.store, onClip: deps.onClip, logger, ...(opts.clipMaxAgeMs !== undefined ? { maxAgeMs: opts.clipMaxAgeMs } : {}) });
      media = mediaIntake;
      loops.push(runConsumer({ js: bus.js, stream: STREAM_MEDIA, consumer: CONSUMER_MEDIA, label: 'clips', logger, handle: (m) => mediaIntake.take(m) }));
      sweeper = setInterval(() => void mediaIntake.sweep(), 2000);
      sweeper.unref();
    },
    startLive(liveOpts) {
      live?.stop();
      live = createLiveRelay({ ...liveOpts, nc: bus.nc, logger });
      return live;
    },
    alertCounts: () => counts(),
    workers: () => workerBoard.list(),
    async close() {
      runners.detach();
      workerBoard.stop();
      live?.stop();
      clearInterval(sweeper);
      await Promise.all(loops.map((l) => l.close()));
      await bus.close();
    },
  };
}
