/** Settings of the selected zone: id, kind, groups, flow direction, crowd area and density, raw coordinates. */
import { useEffect, useState } from 'react';
import type { LabelGroup } from '../../../src/core/types.ts';
import type { XY } from '../lib/geometry.ts';
import { closeZone, polygonProblem, type EditResult, type EditZone, type ZoneKind } from '../lib/zone-edit.ts';

const GROUPS: readonly LabelGroup[] = ['person', 'vehicle', 'bag', 'weapon', 'fire'];
const PRESETS: readonly { label: string; dir: XY }[] = [
  { label: '↑', dir: [0, -1] },
  { label: '→', dir: [1, 0] },
  { label: '↓', dir: [0, 1] },
  { label: '←', dir: [-1, 0] },
];

interface Props {
  readonly zone: EditZone;
  readonly issues: readonly string[];
  readonly directionMode: boolean;
  readonly onChange: (zone: EditZone) => void;
  readonly onResult: (r: EditResult) => void;
  readonly onDirectionMode: () => void;
  readonly onDelete: () => void;
}

const num = (v: string): number | undefined => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

export function ZonePanel({ zone, issues, directionMode, onChange, onResult, onDirectionMode, onDelete }: Props): React.JSX.Element {
  const [coords, setCoords] = useState(JSON.stringify(zone.points));
  useEffect(() => setCoords(JSON.stringify(zone.points)), [zone.points]);

  const applyCoords = (): void => {
    try {
      const parsed = JSON.parse(coords) as unknown;
      if (!Array.isArray(parsed) || !parsed.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number')))
        throw new Error('expected [[x, y], ...] with numbers between 0 and 1');
      const points = parsed as XY[];
      const problem = polygonProblem(points);
      if (problem) return onResult({ ok: false, message: problem });
      onResult({ ok: true, zone: { ...zone, points, closed: true } });
    } catch (err) {
      onResult({ ok: false, message: `coordinates: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  const toggleGroup = (g: LabelGroup): void => {
    const now = new Set(zone.groups ?? []);
    if (now.has(g)) now.delete(g);
    else now.add(g);
    const groups = GROUPS.filter((x) => now.has(x));
    const { groups: _old, ...rest } = zone;
    onChange(groups.length ? { ...rest, groups } : rest);
  };

  return (
    <fieldset className="ze-panel">
      <legend>Zone {zone.id}</legend>
      <div className="form-row">
        <label>
          Id
          <input value={zone.id} maxLength={64} onChange={(e) => onChange({ ...zone, id: e.target.value })} />
        </label>
        <label>
          Kind
          <select value={zone.kind} onChange={(e) => onChange({ ...zone, kind: e.target.value as ZoneKind, ...(e.target.value === 'flow' && !zone.direction ? { direction: [0, -1] as XY } : {}) })}>
            <option value="forbidden">forbidden</option>
            <option value="flow">flow</option>
            <option value="crowd">crowd</option>
            <option value="watch">watch</option>
          </select>
        </label>
      </div>
      {!zone.closed && (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => onResult(closeZone(zone))} disabled={zone.points.length < 3}>Close polygon</button>
          <button type="button" onClick={() => onChange({ ...zone, points: zone.points.slice(0, -1) })} disabled={!zone.points.length}>Undo last point</button>
        </div>
      )}
      {(zone.kind === 'forbidden' || zone.kind === 'flow') && (
        <fieldset className="inline-checks">
          <legend className="small">Applies to <span className="muted">(none ticked: person and vehicle)</span></legend>
          {GROUPS.map((g) => (
            <label key={g}>
              <input type="checkbox" checked={zone.groups?.includes(g) ?? false} onChange={() => toggleGroup(g)} /> {g}
            </label>
          ))}
        </fieldset>
      )}
      {zone.kind === 'flow' && (
        <fieldset>
          <legend className="small">Allowed direction (image coordinates, y down)</legend>
          <div className="form-row">
            <label>
              dx
              <input type="number" step="0.01" value={zone.direction?.[0] ?? ''} onChange={(e) => onChange({ ...zone, direction: [num(e.target.value) ?? 0, zone.direction?.[1] ?? 0] })} />
            </label>
            <label>
              dy
              <input type="number" step="0.01" value={zone.direction?.[1] ?? ''} onChange={(e) => onChange({ ...zone, direction: [zone.direction?.[0] ?? 0, num(e.target.value) ?? 0] })} />
            </label>
          </div>
          <div className="button-row">
            <button type="button" aria-pressed={directionMode} onClick={onDirectionMode}>{directionMode ? 'Drag on the image…' : 'Draw the arrow'}</button>
            {PRESETS.map((p) => (
              <button key={p.label} type="button" className="square" aria-label={`direction ${p.label}`} onClick={() => onChange({ ...zone, direction: p.dir })}>{p.label}</button>
            ))}
          </div>
        </fieldset>
      )}
      {zone.kind === 'crowd' && (
        <div className="form-row">
          <label>
            Ground area (m²)
            <input type="number" min="0" step="any" value={zone.areaM2 ?? ''} onChange={(e) => onChange({ ...zone, areaM2: num(e.target.value) })} />
          </label>
          <label>
            Max persons per m²
            <input type="number" min="0" step="any" value={zone.maxPersonsPerM2 ?? ''} onChange={(e) => onChange({ ...zone, maxPersonsPerM2: num(e.target.value) })} />
          </label>
        </div>
      )}
      <label>
        <span>Coordinates <span className="muted small">[[x, y], …] in fractions of the frame</span></span>
        <textarea className="mono" rows={3} value={coords} onChange={(e) => setCoords(e.target.value)} onBlur={() => coords !== JSON.stringify(zone.points) && applyCoords()} />
      </label>
      {issues.length > 0 && (
        <ul className="issues" aria-label="Problems">
          {issues.map((i) => <li key={i}>{i}</li>)}
        </ul>
      )}
      <button type="button" className="danger" onClick={onDelete}>Delete zone</button>
    </fieldset>
  );
}
