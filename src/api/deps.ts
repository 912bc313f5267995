/** What the API needs from the rest of the server. Interfaces only: the server composes the real ones. */
import type { Alert, CameraStatus, Frame } from '../core/types.ts';
import type { CameraConfig } from '../config/schema.ts';
import type { Auth } from '../auth/auth.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { SessionUser } from '../store/sessions.ts';
import type { ConsoleStore } from '../store/console-store.ts';
import type { StoredAlert } from '../store/types.ts';
import type { Refusals } from './guard/refusals.ts';
import type { MediaViews } from './journal-views.ts';
import type { RequestGuardOptions } from './guard/request.ts';
import type { SystemHealth } from '../server/system-health.ts';
import type { Lang } from '../core/lang.ts';
import type { LegalControl } from '../legal/control.ts';
import type { ReportProviders } from '../report/report.ts';
import type { NoticeInput, NoticeOperator } from '../legal/notice.ts';

export interface CameraStats {
  /** Analysed frames per second, measured. */
  readonly fps: number;
  /** Frames decoded but replaced by a newer one before analysis. */
  readonly dropped: number;
  readonly decoded: number;
  /** Reconnections after a failure. */
  readonly restarts: number;
  /** Share of the decoded frames dropped over the last seconds (0..1). */
  readonly dropRate: number;
  /** Wall time of the last analysed frame (or of the camera's start, before its first). */
  readonly lastFrameMs: number;
  /** Green, amber or red from the state, the analysed fps, the drop rate and how long since the last frame. */
  readonly health: CameraHealthView;
}

/** ok green, warn amber, bad red; with why when not ok. */
export interface CameraHealthView {
  readonly level: 'ok' | 'warn' | 'bad';
  readonly reason?: string;
}

export type CameraView = CameraConfig & { readonly status: CameraStatus; readonly stats: CameraStats };

/** The running cameras: every change is persisted and applied at once. */
export interface CameraControl {
  list(): CameraView[];
  view(id: string): CameraView | undefined;
  /** undefined when the id is taken. */
  add(camera: CameraConfig): Promise<CameraView | undefined>;
  /** undefined when there is no such camera. */
  update(camera: CameraConfig): Promise<CameraView | undefined>;
  remove(id: string): Promise<boolean>;
  /** The latest analysed frame. */
  latestFrame(id: string): Frame | undefined;
}

export type CameraTestResult =
  | { readonly ok: true; readonly width: number; readonly height: number; readonly snapshot: string }
  | { readonly ok: false; readonly reason: string };

export interface ApiLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface ApiDeps {
  readonly version: string;
  readonly auth: Auth;
  readonly store: ConsoleStore;
  readonly cameras: CameraControl;
  /** Opens the source for one frame (with a timeout). */
  readonly testCamera: (url: string) => Promise<CameraTestResult>;
  /** `serve --bus`: a recent live JPEG of the camera from its worker (asked for when none is fresh), undefined when none comes; absent: the latest analysed frame is encoded. */
  readonly liveJpeg?: (cameraId: string) => Promise<Uint8Array | undefined>;
  /** Whether the evidence clip of this alert is being encoded. */
  readonly clipPending: (alertId: string) => boolean;
  /** Told after sessions may have ended (logout, account removed) or a habilitation changed: open WebSockets are checked again. */
  readonly onSessionsChanged?: () => void;
  /** Told after a webhook delivery was queued through the store (a test, a re-send): the dispatcher sends it. */
  readonly onDeliveryQueued?: () => void;
  /** Told after a qualification is stored (the WebSocket broadcast). */
  readonly onQualified: (alert: StoredAlert, by: SessionUser) => void;
  readonly logger: ApiLogger;
  /** Alerts the store refused (disk full), kept in memory until it writes again; listed by GET /api/alerts. */
  readonly unstoredAlerts?: () => readonly Alert[];
  /** The server's health (cameras, store, disk, system alerts). */
  readonly systemHealth: () => SystemHealth;
  readonly nowMs?: () => number;
  /** Failed sign-in limits (default: createLoginThrottle(), in memory). */
  readonly loginThrottle?: LoginThrottle;
  /** Adds `Secure` to the session cookie (--public-url is https://); requests over HTTPS get it anyway. */
  readonly secureCookie?: boolean;
  /** The deployment's console language (config console.language; default French). */
  readonly language?: Lang;
  /** The Host allow-list and the --public-url origin (guard/request.ts). */
  readonly requestGuard?: RequestGuardOptions;
  /** Refusals without a session, counted and journaled per address (default: createRefusals() on the journal). */
  readonly refusals?: Refusals;
  /** Views of alert images and clips journaled once per view (default: createMediaViews() on the journal). */
  readonly mediaViews?: MediaViews;
  /** Authorisations and kill switches (src/legal/control.ts): the camera API, the live view and /api/authorisations ask it. */
  readonly legal: LegalControl;
  /** Authorisations and kill switches for the evaluation report; without them it says "not recorded". */
  readonly reportProviders?: ReportProviders;
  /** What the public notice of an authorisation says besides the order: the controller and the retention (config). */
  readonly publicNotice?: { readonly operator: NoticeOperator; readonly retention: NoticeInput['retention'] };
}

export interface ApiEnv {
  Variables: { user: SessionUser };
}
