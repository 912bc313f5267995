/**
 * The live hub: one WebSocket (/ws) per signed-in tab, reconnecting with backoff. It keeps the
 * camera list and the pending alerts up to date and fans messages out to the screens.
 * Plain object with a lifecycle (`close`), React reads it through hooks in hub-hooks.ts.
 */
import { api, notifyUnauthorized } from './client.ts';
import type { CameraView, FrameMessage, ServerMessage, StoredAlert } from './types.ts';

export type Connection = 'connecting' | 'open' | 'closed';
type AlertListener = (alert: StoredAlert, kind: 'alert' | 'alert-updated') => void;
type FrameListener = (frame: FrameMessage) => void;
/** Why no live image of the camera comes (the server's words); the next frame ends it. */
type UnavailableListener = (reason: string) => void;

export interface Hub {
  readonly cameras: () => readonly CameraView[];
  readonly pending: () => readonly StoredAlert[];
  readonly connection: () => Connection;
  /** Re-render signal for cameras, pending alerts and connection. */
  readonly onChange: (listener: () => void) => () => void;
  readonly onAlert: (listener: AlertListener) => () => void;
  /** Subscribes to a camera's frames (and to why none comes); the hub sends the union of wanted cameras to the server. */
  readonly watchFrames: (cameraId: string, listener: FrameListener, onUnavailable?: UnavailableListener) => () => void;
  /** Every message from the server, as it comes (system alerts...). */
  readonly onMessage: (listener: (msg: ServerMessage) => void) => () => void;
  /** Reloads the camera list (after an edit in the set-up screen). */
  readonly refreshCameras: () => Promise<void>;
  readonly close: () => void;
}

const MAX_PENDING = 1000;
/** The server's close code for a connection whose session ended (src/server/ws-hub.ts). */
const SESSION_ENDED_CODE = 4401;
const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000];

export function createHub(): Hub {
  let cameras: CameraView[] = [];
  let pending: StoredAlert[] = [];
  let connection: Connection = 'connecting';
  /** Whether the server lets this account view alerts (its `viewing` message); undefined before the first. */
  let viewing: boolean | undefined;
  let socket: WebSocket | undefined;
  let attempt = 0;
  let closed = false;
  let retryTimer: number | undefined;
  const changeListeners = new Set<() => void>();
  const alertListeners = new Set<AlertListener>();
  const frameListeners = new Map<string, Set<FrameListener>>();
  const unavailableListeners = new Map<string, Set<UnavailableListener>>();
  const messageListeners = new Set<(msg: ServerMessage) => void>();

  const changed = (): void => changeListeners.forEach((l) => l());

  const sendSubscription = (): void => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'subscribe', cameras: [...frameListeners.keys()] }));
  };

  const upsertCamera = (camera: CameraView): void => {
    const i = cameras.findIndex((c) => c.id === camera.id);
    cameras = i < 0 ? [...cameras, camera] : cameras.map((c) => (c.id === camera.id ? camera : c));
  };

  const applyAlert = (alert: StoredAlert): void => {
    const rest = pending.filter((a) => a.id !== alert.id);
    pending = alert.status === 'new' ? [alert, ...rest].slice(0, MAX_PENDING) : rest;
  };

  const handle = (msg: ServerMessage): void => {
    messageListeners.forEach((l) => l(msg));
    switch (msg.type) {
      case 'hello':
        cameras = [...msg.cameras];
        changed();
        return;
      case 'camera':
        upsertCamera(msg.camera);
        changed();
        return;
      case 'alert':
      case 'alert-updated':
        applyAlert(msg.alert);
        changed();
        alertListeners.forEach((l) => l(msg.alert, msg.type));
        return;
      case 'frame':
        frameListeners.get(msg.cameraId)?.forEach((l) => l(msg));
        return;
      case 'live-unavailable':
        unavailableListeners.get(msg.cameraId)?.forEach((l) => l(msg.reason));
        return;
      case 'viewing':
        // Habilitation granted now: the pending alerts come; refused or withdrawn: none is kept.
        if (msg.ok && viewing === false) void loadPending().catch((err: unknown) => console.warn('pending alerts', err));
        if (!msg.ok) pending = [];
        viewing = msg.ok;
        changed();
        return;
      default:
        return;
    }
  };

  const loadPending = async (): Promise<void> => {
    const list = await api.get<StoredAlert[]>(`/api/alerts?status=new&limit=${MAX_PENDING}`);
    pending = list;
    changed();
  };

  const connect = (): void => {
    if (closed) return;
    connection = 'connecting';
    changed();
    const url = new URL('ws', window.location.href.replace(/#.*$/, ''));
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.pathname = '/ws';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      connection = 'open';
      changed();
      sendSubscription();
      // Alerts raised while disconnected: reload the pending list once connected.
      void loadPending().catch((err: unknown) => console.warn('pending alerts', err));
    };
    ws.onmessage = (ev: MessageEvent<string>) => {
      try {
        handle(JSON.parse(ev.data) as ServerMessage);
      } catch (err) {
        console.warn('bad message from /ws', err);
      }
    };
    ws.onclose = (ev: CloseEvent) => {
      if (socket !== ws) return;
      socket = undefined;
      connection = 'closed';
      changed();
      if (closed) return;
      if (ev.code === SESSION_ENDED_CODE) {
        // Signed out elsewhere, or the account was removed: back to the login screen, no retry.
        closed = true;
        notifyUnauthorized();
        return;
      }
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 10_000;
      attempt += 1;
      retryTimer = window.setTimeout(connect, delay);
    };
  };

  connect();
  const pingTimer = window.setInterval(() => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ping' }));
  }, 25_000);

  return {
    cameras: () => cameras,
    pending: () => pending,
    connection: () => connection,
    onChange: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onAlert: (listener) => {
      alertListeners.add(listener);
      return () => alertListeners.delete(listener);
    },
    watchFrames: (cameraId, listener, onUnavailable) => {
      const set = frameListeners.get(cameraId) ?? new Set<FrameListener>();
      const isNew = set.size === 0;
      set.add(listener);
      frameListeners.set(cameraId, set);
      const reasons = unavailableListeners.get(cameraId) ?? new Set<UnavailableListener>();
      if (onUnavailable) {
        reasons.add(onUnavailable);
        unavailableListeners.set(cameraId, reasons);
      }
      if (isNew) sendSubscription();
      return () => {
        set.delete(listener);
        if (onUnavailable) reasons.delete(onUnavailable);
        if (reasons.size === 0) unavailableListeners.delete(cameraId);
        if (set.size === 0) {
          frameListeners.delete(cameraId);
          sendSubscription();
        }
      };
    },
    onMessage: (listener) => {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    refreshCameras: async () => {
      cameras = await api.get<CameraView[]>('/api/cameras');
      changed();
    },
    close: () => {
      closed = true;
      window.clearTimeout(retryTimer);
      window.clearInterval(pingTimer);
      const ws = socket;
      socket = undefined;
      ws?.close();
    },
  };
}
