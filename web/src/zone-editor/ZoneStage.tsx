/**
 * The drawing surface of the zone editor: the camera snapshot with an SVG on top, in a
 * 1000-px-wide coordinate space with the snapshot's aspect ratio. Clicks add points to the zone
 * being drawn (click the first point to close it), vertices drag, edge midpoints insert a point,
 * a drag in direction mode draws a flow zone's arrow. Edits that would make a polygon invalid
 * are refused and reported through onMessage. Privacy masks are drawn and edited like zones, hatched.
 */
import { useRef, useState } from 'react';
import { pointInPolygon } from '../../../src/core/geometry.ts';
import { Arrow, MaskShape, ZoneShape, shapeColor } from '../components/ZoneShapes.tsx';
import { useI18n } from '../i18n/context.tsx';
import { pointsAttr, toPoints, unit, type XY } from '../lib/geometry.ts';
import { addPoint, closeZone, hitVertex, insertPoint, isZone, movePoint, toConfig, type EditResult, type EditZone } from '../lib/zone-edit.ts';

export type StageMode = 'edit' | 'direction';
const W = 1000;
const HANDLE_PX = 9;

interface Props {
  readonly zones: readonly EditZone[];
  readonly selected: number;
  readonly mode: StageMode;
  readonly background?: string;
  readonly aspect: number;
  readonly vertex: number;
  readonly onSelect: (index: number, vertex?: number) => void;
  readonly onZone: (index: number, zone: EditZone) => void;
  readonly onMessage: (message: string | undefined) => void;
  readonly onModeDone: () => void;
  readonly onImageSize: (width: number, height: number) => void;
}

type Drag = { kind: 'vertex'; index: number; origin: EditZone } | { kind: 'direction'; from: XY };

export function ZoneStage(props: Props): React.JSX.Element {
  const { zones, selected, mode, background, aspect, vertex, onSelect, onZone, onMessage } = props;
  const { t, lang } = useI18n();
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<Drag | undefined>(undefined);
  const [preview, setPreview] = useState<{ points?: readonly XY[]; arrow?: [XY, XY] }>({});
  const [hover, setHover] = useState<XY>();
  const H = W / aspect;
  const zone = zones[selected];

  const norm = (e: React.PointerEvent): XY => {
    const r = (svgRef.current ?? (e.currentTarget as Element)).getBoundingClientRect();
    return [Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), Math.min(1, Math.max(0, (e.clientY - r.top) / r.height))];
  };
  const radius = (): number => HANDLE_PX * 1.6 / (svgRef.current?.getBoundingClientRect().width || W);

  const apply = (index: number, r: EditResult): boolean => {
    if (!r.ok) {
      onMessage(r.message);
      return false;
    }
    onMessage(undefined);
    onZone(index, r.zone);
    return true;
  };

  const onPointerDown = (e: React.PointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return;
    const p = norm(e);
    if (mode === 'direction' && zone?.kind === 'flow') {
      drag.current = { kind: 'direction', from: p };
      e.currentTarget.setPointerCapture(e.pointerId);
      return;
    }
    if (zone) {
      const hit = hitVertex(zone.points, p, radius(), aspect);
      if (!zone.closed && hit === 0 && zone.points.length >= 3) {
        apply(selected, closeZone(zone, lang));
        return;
      }
      if (hit >= 0) {
        onSelect(selected, hit);
        drag.current = { kind: 'vertex', index: hit, origin: zone };
        e.currentTarget.setPointerCapture(e.pointerId);
        return;
      }
      if (!zone.closed) {
        apply(selected, addPoint(zone, p, lang));
        return;
      }
    }
    const inside = zones.findIndex((z) => z.closed && pointInPolygon({ x: p[0], y: p[1] }, toPoints(z.points)));
    onSelect(inside);
  };

  const onPointerMove = (e: React.PointerEvent<SVGSVGElement>): void => {
    const p = norm(e);
    setHover(p);
    const d = drag.current;
    if (d?.kind === 'vertex') setPreview({ points: d.origin.points.map((q, i) => (i === d.index ? p : q)) });
    if (d?.kind === 'direction') setPreview({ arrow: [d.from, p] });
  };

  const onPointerUp = (e: React.PointerEvent<SVGSVGElement>): void => {
    const d = drag.current;
    drag.current = undefined;
    setPreview({});
    if (!d) return;
    const p = norm(e);
    if (d.kind === 'vertex') {
      if (Math.hypot(p[0] - (d.origin.points[d.index]?.[0] ?? 0), p[1] - (d.origin.points[d.index]?.[1] ?? 0)) > 1e-4)
        apply(selected, movePoint(d.origin, d.index, p, lang));
      return;
    }
    const dir = unit(p[0] - d.from[0], p[1] - d.from[1]);
    if (!dir || Math.hypot(p[0] - d.from[0], p[1] - d.from[1]) < 0.02) return onMessage(t('zones.longerArrow'));
    if (zone) onZone(selected, { ...zone, direction: [Math.round(dir[0] * 1000) / 1000, Math.round(dir[1] * 1000) / 1000] });
    onMessage(undefined);
    props.onModeDone();
  };

  const startInsert = (e: React.PointerEvent, after: number, p: XY): void => {
    e.stopPropagation();
    if (!zone) return;
    const r = insertPoint(zone, after, p, lang);
    if (apply(selected, r) && r.ok) {
      onSelect(selected, after + 1);
      drag.current = { kind: 'vertex', index: after + 1, origin: r.zone };
      svgRef.current?.setPointerCapture(e.pointerId);
    }
  };

  const shownPoints = preview.points ?? zone?.points ?? [];
  const color = zone ? shapeColor(zone.kind) : '#fff';
  const shape = (z: EditZone, dim: boolean): React.JSX.Element =>
    isZone(z) ? <ZoneShape zone={toConfig(z)} w={W} h={H} dim={dim} /> : <MaskShape polygon={z.points} w={W} h={H} dim={dim} />;
  const r = HANDLE_PX * (W / Math.max(300, svgRef.current?.getBoundingClientRect().width ?? W));

  return (
    <div className={`ze-stage mode-${mode}`} style={{ aspectRatio: `${aspect}`, width: `min(100%, ${Math.round(72 * aspect)}vh)` }}>
      {background ? (
        <img src={background} alt={t('zones.snapshotAlt')} draggable={false} onLoad={(e) => props.onImageSize(e.currentTarget.naturalWidth, e.currentTarget.naturalHeight)} />
      ) : (
        <div className="ze-nobg muted">{t('zones.noSnapshot')}</div>
      )}
      <svg
        ref={svgRef}
        className="ze-svg"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="application"
        aria-label={t('zones.stageLabel')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(undefined)}
      >
        {zones.map((z, i) => (i === selected || !z.closed ? null : <g key={`${z.id}-${i}`}>{shape(z, true)}</g>))}
        {zone && zone.closed && shape({ ...zone, points: shownPoints }, false)}
        {zone && !zone.closed && (
          <>
            <polyline points={pointsAttr(shownPoints, W, H)} fill="none" stroke={color} strokeWidth={3} />
            {hover && shownPoints.length > 0 && mode === 'edit' && (
              <line className="ze-rubber" x1={(shownPoints.at(-1)?.[0] ?? 0) * W} y1={(shownPoints.at(-1)?.[1] ?? 0) * H} x2={hover[0] * W} y2={hover[1] * H} stroke={color} strokeDasharray="8 6" strokeWidth={2} />
            )}
          </>
        )}
        {zone?.closed &&
          !preview.points &&
          zone.points.map((p, i) => {
            const q = zone.points[(i + 1) % zone.points.length] ?? p;
            const m: XY = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
            return <circle key={`m${i}`} className="ze-mid" cx={m[0] * W} cy={m[1] * H} r={r * 0.65} onPointerDown={(e) => startInsert(e, i, m)} />;
          })}
        {zone &&
          shownPoints.map((p, i) => (
            <circle key={`v${i}`} className={`ze-handle ${i === vertex ? 'active' : ''} ${!zone.closed && i === 0 && shownPoints.length >= 3 ? 'closer' : ''}`} cx={p[0] * W} cy={p[1] * H} r={r} stroke={color} />
          ))}
        {preview.arrow && <Arrow from={[preview.arrow[0][0] * W, preview.arrow[0][1] * H]} dir={[(preview.arrow[1][0] - preview.arrow[0][0]) * W, (preview.arrow[1][1] - preview.arrow[0][1]) * H]} length={Math.hypot((preview.arrow[1][0] - preview.arrow[0][0]) * W, (preview.arrow[1][1] - preview.arrow[0][1]) * H)} color={color} />}
      </svg>
    </div>
  );
}
