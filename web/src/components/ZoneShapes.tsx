/**
 * Zones drawn in SVG pixel space: polygon by kind, flow direction arrow, label; privacy masks
 * hatched. Shared by the live view and the editor.
 */
import { useId } from 'react';
import type { ZoneConfig } from '../api/types.ts';
import { arrow, centroid, pointsAttr, type XY } from '../lib/geometry.ts';

export const ZONE_COLORS: Record<ZoneConfig['kind'], string> = {
  forbidden: '#ff4d4f',
  flow: '#40a9ff',
  crowd: '#faad14',
  watch: '#95de64',
};

/** Privacy masks: grey hatching over the black the server paints there. */
export const MASK_COLOR = '#bfbfbf';

/** The colour of an editor shape: its zone kind's, or the masks'. */
export const shapeColor = (kind: ZoneConfig['kind'] | 'mask'): string => (kind === 'mask' ? MASK_COLOR : ZONE_COLORS[kind]);

/** A privacy mask: hatched, with a dashed outline, so it reads as "hidden on purpose" on any image. */
export function MaskShape({ polygon, w, h, dim = false }: { polygon: readonly XY[]; w: number; h: number; dim?: boolean }): React.JSX.Element {
  const id = `mask-hatch-${useId().replace(/[^\w-]/g, '')}`;
  const scale = Math.min(w, h);
  const step = Math.max(6, scale * 0.025);
  return (
    <g className="zone zone-mask" opacity={dim ? 0.6 : 1}>
      <defs>
        <pattern id={id} patternUnits="userSpaceOnUse" width={step} height={step} patternTransform="rotate(45)">
          <rect width={step} height={step} fill="#000" fillOpacity={0.55} />
          <line x1={0} y1={0} x2={0} y2={step} stroke={MASK_COLOR} strokeWidth={step * 0.35} strokeOpacity={0.8} />
        </pattern>
      </defs>
      <polygon
        points={pointsAttr(polygon, w, h)}
        fill={`url(#${id})`}
        stroke={MASK_COLOR}
        strokeWidth={scale * 0.006}
        strokeDasharray={`${scale * 0.02} ${scale * 0.012}`}
        strokeLinejoin="round"
      />
    </g>
  );
}

/** `labelPx`: frame units per screen pixel; given, the zone's name stays 11 to 16 screen pixels high. */
export function ZoneShape({ zone, w, h, dim = false, labelPx }: { zone: ZoneConfig; w: number; h: number; dim?: boolean; labelPx?: number }): React.JSX.Element {
  const color = ZONE_COLORS[zone.kind];
  const poly = zone.polygon as readonly XY[];
  const [cx, cy] = centroid(poly);
  const scale = Math.min(w, h);
  const fontSize = labelPx ? Math.min(16 * labelPx, Math.max(11 * labelPx, scale * 0.035)) : scale * 0.035;
  return (
    <g className={`zone zone-${zone.kind}`} opacity={dim ? 0.45 : 1}>
      <polygon points={pointsAttr(poly, w, h)} fill={color} fillOpacity={0.16} stroke={color} strokeWidth={scale * 0.006} strokeLinejoin="round" />
      {zone.kind === 'flow' && zone.direction && (
        <Arrow from={[cx * w, cy * h]} dir={[zone.direction[0] * w, zone.direction[1] * h]} length={scale * 0.2} color={color} />
      )}
      <text x={cx * w} y={cy * h - (zone.kind === 'flow' ? scale * 0.03 : 0)} className="zone-label" fontSize={fontSize} style={labelPx ? { strokeWidth: 3 * labelPx } : undefined} fill={color} textAnchor="middle">
        {zone.id}
      </text>
    </g>
  );
}

export function Arrow({ from, dir, length, color }: { from: XY; dir: XY; length: number; color: string }): React.JSX.Element {
  const { shaft, head } = arrow(from, dir, length);
  const width = Math.max(2, length * 0.07);
  const headPoints = head.map((p) => p.join(',')).join(' ');
  return (
    <g className="flow-arrow">
      {/* dark halo first, so the arrow reads on any image */}
      <line x1={shaft[0][0]} y1={shaft[0][1]} x2={shaft[1][0]} y2={shaft[1][1]} stroke="#000" strokeOpacity={0.55} strokeWidth={width * 2} strokeLinecap="round" />
      <polygon points={headPoints} fill="#000" fillOpacity={0.55} stroke="#000" strokeOpacity={0.55} strokeWidth={width} strokeLinejoin="round" />
      <line x1={shaft[0][0]} y1={shaft[0][1]} x2={shaft[1][0]} y2={shaft[1][1]} stroke={color} strokeWidth={width} strokeLinecap="round" />
      <polygon points={headPoints} fill={color} />
    </g>
  );
}
