/**
 * Settings of the selected zone: id, kind, groups, flow direction, crowd area and density, raw
 * coordinates; of a privacy mask: what it does and its coordinates.
 */
import { useEffect, useState } from 'react';
import type { LabelGroup } from '../../../src/core/types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { XY } from '../lib/geometry.ts';
import { ZONE_KINDS, closeZone, isMask, polygonProblem, type EditResult, type EditZone, type ZoneKind } from '../lib/zone-edit.ts';

const GROUPS: readonly LabelGroup[] = ['person', 'vehicle', 'bag', 'weapon', 'fire'];
const PRESETS: readonly { label: string; dir: XY }[] = [
  { label: '↑', dir: [0, -1] },
  { label: '→', dir: [1, 0] },
  { label: '↓', dir: [0, 1] },
  { label: '←', dir: [-1, 0] },
];

interface Props {
  readonly zone: EditZone;
  /** The panel's heading ("Zone gate", "Privacy mask 2"). */
  readonly title: string;
  readonly issues: readonly string[];
  readonly directionMode: boolean;
  readonly onChange: (zone: EditZone) => void;
  readonly onResult: (r: EditResult) => void;
  readonly onDirectionMode: () => void;
  readonly onDelete: () => void;
}

const num = (v: string): number | undefined => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

export function ZonePanel({ zone, title, issues, directionMode, onChange, onResult, onDirectionMode, onDelete }: Props): React.JSX.Element {
  const { t, lang } = useI18n();
  const [coords, setCoords] = useState(JSON.stringify(zone.points));
  useEffect(() => setCoords(JSON.stringify(zone.points)), [zone.points]);

  const applyCoords = (): void => {
    try {
      const parsed = JSON.parse(coords) as unknown;
      if (!Array.isArray(parsed) || !parsed.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number')))
        return onResult({ ok: false, message: t('zones.coordinatesError', { message: t('zones.coordinatesExpected') }) });
      const points = parsed as XY[];
      const problem = polygonProblem(points, lang);
      if (problem) return onResult({ ok: false, message: problem });
      onResult({ ok: true, zone: { ...zone, points, closed: true } });
    } catch (err) {
      // Not JSON: the browser's own words say where.
      onResult({ ok: false, message: t('zones.coordinatesError', { message: err instanceof Error ? err.message : String(err) }) });
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
      <legend>{title}</legend>
      {isMask(zone) && <p className="muted small">{t('masks.hint')}</p>}
      {!isMask(zone) && <div className="form-row">
        <label>
          {t('zones.id')}
          <input value={zone.id} maxLength={64} onChange={(e) => onChange({ ...zone, id: e.target.value })} />
        </label>
        <label>
          {t('zones.kind')}
          <select value={zone.kind} onChange={(e) => onChange({ ...zone, kind: e.target.value as ZoneKind, ...(e.target.value === 'flow' && !zone.direction ? { direction: [0, -1] as XY } : {}) })}>
            {ZONE_KINDS.map((k) => (
              <option key={k} value={k}>{t(`zones.kind_${k}`)}</option>
            ))}
          </select>
        </label>
      </div>}
      {!zone.closed && (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => onResult(closeZone(zone, lang))} disabled={zone.points.length < 3}>{t('zones.closePolygon')}</button>
          <button type="button" onClick={() => onChange({ ...zone, points: zone.points.slice(0, -1) })} disabled={!zone.points.length}>{t('zones.undoPoint')}</button>
        </div>
      )}
      {(zone.kind === 'forbidden' || zone.kind === 'flow') && (
        <fieldset className="inline-checks">
          <legend className="small">{t('zones.appliesTo')} <span className="muted">{t('zones.appliesToDefault')}</span></legend>
          {GROUPS.map((g) => (
            <label key={g}>
              <input type="checkbox" checked={zone.groups?.includes(g) ?? false} onChange={() => toggleGroup(g)} /> {t(`zones.group_${g}`)}
            </label>
          ))}
        </fieldset>
      )}
      {zone.kind === 'flow' && (
        <fieldset>
          <legend className="small">{t('zones.direction')}</legend>
          <div className="form-row">
            <label>
              {t('zones.dx')}
              <input type="number" step="0.01" value={zone.direction?.[0] ?? ''} onChange={(e) => onChange({ ...zone, direction: [num(e.target.value) ?? 0, zone.direction?.[1] ?? 0] })} />
            </label>
            <label>
              {t('zones.dy')}
              <input type="number" step="0.01" value={zone.direction?.[1] ?? ''} onChange={(e) => onChange({ ...zone, direction: [zone.direction?.[0] ?? 0, num(e.target.value) ?? 0] })} />
            </label>
          </div>
          <div className="button-row">
            <button type="button" aria-pressed={directionMode} onClick={onDirectionMode}>{directionMode ? t('zones.drawingArrow') : t('zones.drawArrow')}</button>
            {PRESETS.map((p) => (
              <button key={p.label} type="button" className="square" aria-label={t('zones.directionPreset', { arrow: p.label })} onClick={() => onChange({ ...zone, direction: p.dir })}>{p.label}</button>
            ))}
          </div>
        </fieldset>
      )}
      {zone.kind === 'crowd' && (
        <div className="form-row">
          <label>
            {t('zones.groundArea')}
            <input type="number" min="0" step="any" value={zone.areaM2 ?? ''} onChange={(e) => onChange({ ...zone, areaM2: num(e.target.value) })} />
          </label>
          <label>
            {t('zones.maxDensity')}
            <input type="number" min="0" step="any" value={zone.maxPersonsPerM2 ?? ''} onChange={(e) => onChange({ ...zone, maxPersonsPerM2: num(e.target.value) })} />
          </label>
        </div>
      )}
      <label>
        <span>{t('zones.coordinates')} <span className="muted small">{t('zones.coordinatesHint')}</span></span>
        <textarea className="mono" rows={3} value={coords} onChange={(e) => setCoords(e.target.value)} onBlur={() => coords !== JSON.stringify(zone.points) && applyCoords()} />
      </label>
      {issues.length > 0 && (
        <ul className="issues" aria-label={t('zones.problems')}>
          {issues.map((i) => <li key={i}>{i}</li>)}
        </ul>
      )}
      <button type="button" className="danger" onClick={onDelete}>{isMask(zone) ? t('masks.deleteMask') : t('zones.deleteZone')}</button>
    </fieldset>
  );
}
