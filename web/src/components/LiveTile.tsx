/**
 * One camera of the live wall: the latest analysed JPEG with an SVG overlay in frame pixels
 * (zones and flow arrows, tracks with ids, boxes of active alerts) and the health badge.
 */
import { useEffect, useState } from 'react';
import { useHub } from '../api/hub-hooks.ts';
import type { CameraView, FrameMessage, StoredAlert } from '../api/types.ts';
import { useNow } from '../lib/use-now.ts';
import { useWidth } from '../lib/use-width.ts';
import { HealthBadge } from './HealthBadge.tsx';
import { ZoneShape } from './ZoneShapes.tsx';

const STALE_MS = 5000;

interface Props {
  readonly camera: CameraView;
  readonly alertsById: ReadonlyMap<string, StoredAlert>;
  readonly large: boolean;
  readonly onToggleLarge: () => void;
}

export function LiveTile({ camera, alertsById, large, onToggleLarge }: Props): React.JSX.Element {
  const hub = useHub();
  const [frame, setFrame] = useState<FrameMessage>();
  const [receivedMs, setReceivedMs] = useState(0);
  const nowMs = useNow(1000);
  const [frameRef, shownWidth] = useWidth<HTMLDivElement>(480);

  useEffect(() => hub.watchFrames(camera.id, (f) => (setFrame(f), setReceivedMs(Date.now()))), [hub, camera.id]);

  const w = frame?.width ?? 16;
  const h = frame?.height ?? 9;
  const alerts = (frame?.activeAlertIds ?? []).map((id) => alertsById.get(id)).filter((a): a is StoredAlert => !!a?.box);
  const stale = frame !== undefined && nowMs - receivedMs > STALE_MS;
  // Overlay drawn in frame pixels: scale strokes and text so they keep a constant on-screen size.
  const px = w / Math.max(1, shownWidth);
  const lw = 1.6 * px;

  return (
    <article className={`tile ${large ? 'large' : ''} ${alerts.length ? 'alerting' : ''}`} aria-label={`Camera ${camera.name ?? camera.id}`}>
      <header className="tile-head">
        <strong>{camera.name ?? camera.id}</strong>
        <HealthBadge camera={camera} compact />
        <button type="button" className="ghost small" onClick={onToggleLarge} aria-pressed={large} title="Enlarge">
          {large ? 'Wall' : 'Enlarge'}
        </button>
      </header>
      <div ref={frameRef} className="tile-frame" style={{ aspectRatio: `${w} / ${h}` }}>
        {frame ? (
          <img src={`data:image/jpeg;base64,${frame.jpeg}`} alt="" draggable={false} />
        ) : (
          <div className="tile-empty muted">{camera.enabled ? 'Waiting for frames…' : 'Camera disabled'}</div>
        )}
        {frame && (
          <svg className="overlay" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true">
            {camera.zones.map((z) => (
              <ZoneShape key={z.id} zone={z} w={w} h={h} dim />
            ))}
            {frame.tracks.map((t) => (
              <g key={t.id} className="track">
                <rect x={t.box.x1 * w} y={t.box.y1 * h} width={(t.box.x2 - t.box.x1) * w} height={(t.box.y2 - t.box.y1) * h} fill="none" stroke="#69c0ff" strokeWidth={lw} />
                <text x={t.box.x1 * w + lw} y={Math.max(11 * px, t.box.y1 * h - 3 * px)} fontSize={11 * px} strokeWidth={2.5 * px} className="track-label">
                  #{t.id} {t.label}
                </text>
              </g>
            ))}
            {alerts.map((a) =>
              a.box ? (
                <rect key={a.id} className="alert-box" x={a.box.x1 * w} y={a.box.y1 * h} width={(a.box.x2 - a.box.x1) * w} height={(a.box.y2 - a.box.y1) * h} fill="none" stroke="#ff4d4f" strokeWidth={lw * 2} />
              ) : null,
            )}
          </svg>
        )}
        {stale && <div className="stale">No frame for {Math.round((nowMs - receivedMs) / 1000)} s</div>}
      </div>
      {'reason' in camera.status && <p className="tile-reason">{camera.status.reason}</p>}
    </article>
  );
}
