/**
 * One camera of the live wall: the latest analysed JPEG with an SVG overlay in frame pixels
 * (zones and flow arrows, privacy masks hatched over the black the server painted, tracks with ids on a dark background and placed so they do not overlap,
 * boxes of active alerts), the frame's time and age (amber when stale) and the health badge.
 */
import { useEffect, useState } from 'react';
import { useHub } from '../api/hub-hooks.ts';
import type { CameraView, FrameMessage, StoredAlert } from '../api/types.ts';
import { LABELS, type Label } from '../../../src/core/types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Translate } from '../i18n/translator.ts';
import { frameAgeMs, frameStamp } from '../lib/frame-age.ts';
import { labelWidth, placeLabels } from '../lib/label-layout.ts';
import { useNow } from '../lib/use-now.ts';
import { useWidth } from '../lib/use-width.ts';
import { HealthBadge } from './HealthBadge.tsx';
import { MaskShape, ZoneShape } from './ZoneShapes.tsx';

const STALE_MS = 5000;
/** The frame's age turns amber past this. */
const LATE_MS = 2000;
/** Track labels: this many screen pixels high, whatever the tile's size. */
const LABEL_PX = 12;

const isLabel = (label: string): label is Label => (LABELS as readonly string[]).includes(label);
/** What the detector saw, in words; a label the console does not know (a newer server) shows as itself. */
const objectLabel = (label: string, t: Translate): string => (isLabel(label) ? t(`live.object_${label}`) : label);

interface Props {
  readonly camera: CameraView;
  readonly alertsById: ReadonlyMap<string, StoredAlert>;
  readonly large: boolean;
  readonly onToggleLarge: () => void;
  /** The frames' size, for the wall's grid. */
  readonly onFrameSize?: (cameraId: string, width: number, height: number) => void;
}

export function LiveTile({ camera, alertsById, large, onToggleLarge, onFrameSize }: Props): React.JSX.Element {
  const hub = useHub();
  const { t, lang } = useI18n();
  const [frame, setFrame] = useState<FrameMessage>();
  const [receivedMs, setReceivedMs] = useState(0);
  /** Why no live image comes (the server's words), until the next frame. */
  const [unavailable, setUnavailable] = useState<string>();
  const nowMs = useNow(500);
  const [frameRef, shownWidth] = useWidth<HTMLDivElement>(480);

  useEffect(
    () =>
      hub.watchFrames(
        camera.id,
        (f) => (setFrame(f), setReceivedMs(Date.now()), setUnavailable(undefined)),
        (reason) => setUnavailable(reason),
      ),
    [hub, camera.id],
  );

  const w = frame?.width ?? 16;
  const h = frame?.height ?? 9;
  const hasFrame = frame !== undefined;
  useEffect(() => {
    if (hasFrame) onFrameSize?.(camera.id, w, h);
  }, [hasFrame, camera.id, w, h, onFrameSize]);
  const alerts = (frame?.activeAlertIds ?? []).map((id) => alertsById.get(id)).filter((a): a is StoredAlert => !!a?.box);
  const stale = frame !== undefined && nowMs - receivedMs > STALE_MS;
  // Overlay drawn in frame pixels: scale strokes and text so they keep a constant on-screen size.
  const px = w / Math.max(1, shownWidth);
  const lw = 1.6 * px;
  const fontSize = LABEL_PX * px;
  const labelTexts = (frame?.tracks ?? []).map((tr) => `#${tr.id} ${objectLabel(tr.label, t)}`);
  const labelRects = placeLabels(
    (frame?.tracks ?? []).map((tr, i) => ({
      box: { x: tr.box.x1 * w, y: tr.box.y1 * h, w: (tr.box.x2 - tr.box.x1) * w, h: (tr.box.y2 - tr.box.y1) * h },
      w: labelWidth(labelTexts[i]!.length, fontSize),
      h: fontSize * 1.35,
    })),
    w,
    h,
  );
  const ageMs = frame ? frameAgeMs(frame.wallMs, receivedMs, nowMs) : 0;

  return (
    <article className={`tile ${large ? 'large' : ''} ${alerts.length ? 'alerting' : ''}`} aria-label={t('live.tileLabel', { name: camera.name ?? camera.id })}>
      <header className="tile-head">
        <strong>{camera.name ?? camera.id}</strong>
        <HealthBadge camera={camera} compact />
        <button type="button" className="ghost small" onClick={onToggleLarge} aria-pressed={large} title={t('live.enlarge')}>
          {large ? t('live.wall') : t('live.enlarge')}
        </button>
      </header>
      <div ref={frameRef} className="tile-frame" style={{ aspectRatio: `${w} / ${h}` }}>
        {frame ? (
          <img src={`data:image/jpeg;base64,${frame.jpeg}`} alt="" draggable={false} />
        ) : (
          <div className="tile-empty muted">{!camera.enabled ? t('live.cameraDisabled') : unavailable ? t('live.noLiveImage') : t('live.waitingFrames')}</div>
        )}
        {frame && (
          <svg className="overlay" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true">
            {camera.zones.map((z) => (
              <ZoneShape key={z.id} zone={z} w={w} h={h} dim labelPx={px} />
            ))}
            {camera.privacyMasks.map((polygon, i) => (
              <MaskShape key={`mask-${i}`} polygon={polygon} w={w} h={h} />
            ))}
            {frame.tracks.map((tr) => (
              <rect key={tr.id} className="track" x={tr.box.x1 * w} y={tr.box.y1 * h} width={(tr.box.x2 - tr.box.x1) * w} height={(tr.box.y2 - tr.box.y1) * h} fill="none" stroke="#69c0ff" strokeWidth={lw} />
            ))}
            {frame.tracks.map((tr, i) => {
              const r = labelRects[i]!;
              return (
                <g key={tr.id} className="track-tag">
                  <rect x={r.x} y={r.y} width={r.w} height={r.h} rx={2 * px} fill="#000" fillOpacity={0.72} />
                  <text x={r.x + fontSize * 0.4} y={r.y + fontSize * 1.02} fontSize={fontSize} className="track-label">
                    {labelTexts[i]}
                  </text>
                </g>
              );
            })}
            {alerts.map((a) =>
              a.box ? (
                <rect key={a.id} className="alert-box" x={a.box.x1 * w} y={a.box.y1 * h} width={(a.box.x2 - a.box.x1) * w} height={(a.box.y2 - a.box.y1) * h} fill="none" stroke="#ff4d4f" strokeWidth={lw * 2} />
              ) : null,
            )}
          </svg>
        )}
        {stale && <div className="stale">{t('live.noFrameFor', { seconds: Math.round((nowMs - receivedMs) / 1000) })}</div>}
        {frame && (
          <div className={`frame-time ${ageMs > LATE_MS ? 'late' : ''}`} title={t('live.frameTimeHint')}>
            {frameStamp(frame.wallMs, ageMs, lang)}
          </div>
        )}
      </div>
      {'reason' in camera.status && <p className="tile-reason">{camera.status.reason}</p>}
      {unavailable && camera.enabled && <p className="tile-reason">{unavailable}</p>}
    </article>
  );
}
