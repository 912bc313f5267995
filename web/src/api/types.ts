/**
 * The console's view of the API contract (docs: /tmp console contract, served as /api/openapi.json).
 * Core types come from the shared contract in src/core and src/config (type-only imports).
 */
import type { Alert, Box, CameraStatus, EventType, Zone } from '../../../src/core/types.ts';
import type { CameraConfig, RuleParams, ZoneConfig } from '../../../src/config/schema.ts';
import { ALERT_STATUSES, type AlertStatus, type StoredAlert, type TypeStats } from '../../../src/store/types.ts';

export type { Alert, Box, CameraStatus, EventType, Zone, CameraConfig, RuleParams, ZoneConfig };

export type Role = 'admin' | 'supervisor' | 'operator' | 'auditor';
export interface Me {
  readonly username: string;
  readonly role: Role;
}

export { ALERT_STATUSES };
export type { AlertStatus, StoredAlert, TypeStats };
export type Qualification = Exclude<AlertStatus, 'new'>;

/** One qualification or correction of an alert (GET /api/alerts/{id}: decisions). */
export interface Decision {
  readonly seq: number;
  readonly alertId: string;
  readonly atMs: number;
  readonly by: string;
  readonly fromStatus: AlertStatus;
  readonly toStatus: Qualification;
  readonly note?: string;
  readonly correction: boolean;
}

export interface AlertDetail extends StoredAlert {
  readonly zone?: Zone;
  /** null when the camera was deleted since. */
  readonly params: Partial<RuleParams> | null;
  /** Oldest first. */
  readonly decisions: readonly Decision[];
}

export interface BulkQualifyResult {
  readonly qualified: readonly StoredAlert[];
  readonly refused: readonly { readonly id: string; readonly code: string; readonly message: string }[];
}

export interface CameraStats {
  /** Analysed frames per second over the last seconds. */
  readonly fps: number;
  readonly dropped: number;
  readonly decoded: number;
  readonly restarts: number;
  /** Share of decoded frames dropped over the last seconds (0..1). */
  readonly dropRate: number;
  readonly lastFrameMs: number;
  readonly health: CameraHealth;
}

/** ok green, warn amber, bad red, computed by the server with why. */
export interface CameraHealth {
  readonly level: 'ok' | 'warn' | 'bad';
  readonly reason?: string;
}

export type CameraView = CameraConfig & { readonly status: CameraStatus; readonly stats: CameraStats };

export interface EventParamDoc {
  readonly key: string;
  readonly default: number | boolean | string;
  readonly description: string;
}
export interface EventDoc {
  readonly type: EventType;
  readonly params: readonly EventParamDoc[];
}

export type TestResult =
  | { readonly ok: true; readonly width: number; readonly height: number; readonly snapshot: string }
  | { readonly ok: false; readonly reason: string };

export interface Stats {
  readonly byType: Partial<Record<EventType, TypeStats>>;
  readonly byCamera: Record<string, { readonly total: number }>;
  readonly byDay: readonly { readonly day: string; readonly total: number; readonly byType: Partial<Record<EventType, number>> }[];
  readonly meanAckSeconds: number | null;
  readonly cameraUptime: Record<string, number>;
}

export interface FrameTrack {
  readonly id: number;
  readonly label: string;
  readonly box: Box;
}
export interface FrameMessage {
  readonly type: 'frame';
  readonly cameraId: string;
  readonly tMs: number;
  readonly wallMs: number;
  readonly width: number;
  readonly height: number;
  readonly jpeg: string;
  readonly tracks: readonly FrameTrack[];
  readonly activeAlertIds: readonly string[];
}

export type { SystemAlert, SystemAlertKind } from '../../../src/store/system-alerts.ts';
import type { SystemAlert } from '../../../src/store/system-alerts.ts';
export type { SystemHealth } from '../../../src/server/system-health.ts';
export type { Habilitation, Training, TrainingKind, ViewingRefusal, ViewingVerdict } from '../../../src/auth/habilitation.ts';
import type { Habilitation, Training, ViewingRefusal, ViewingVerdict } from '../../../src/auth/habilitation.ts';

/** GET /api/users/{username}/habilitation, and each item of GET /api/habilitations. */
export interface HabilitationState {
  readonly username: string;
  readonly role: Role;
  readonly habilitation: Habilitation | null;
  readonly trainings: readonly Training[];
  readonly viewing: ViewingVerdict;
}

export type ServerMessage =
  | { readonly type: 'hello'; readonly cameras: readonly CameraView[] }
  /** stored false: the server could not write it (disk full); it is kept and stored later. */
  | { readonly type: 'alert'; readonly alert: StoredAlert; readonly stored?: false }
  | { readonly type: 'system-alert'; readonly alert: SystemAlert; readonly stored: boolean }
  | { readonly type: 'alert-updated'; readonly alert: StoredAlert }
  | { readonly type: 'camera'; readonly camera: CameraView }
  | FrameMessage
  | { readonly type: 'pong' }
  /** Why no live image of a watched camera comes (live view refused, no frame from its worker); frames follow when they come. */
  | { readonly type: 'live-unavailable'; readonly cameraId: string; readonly reason: string }
  /** Whether this account may view alerts and live video (habilitation and trainings); sent at connection and when it changes. */
  | { readonly type: 'viewing'; readonly ok: boolean; readonly refusal?: ViewingRefusal };
