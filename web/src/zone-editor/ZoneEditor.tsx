/**
 * Zone editor: the drawing stage plus the list of zones and privacy masks and the selected one's
 * settings. A privacy mask is drawn like a zone (kind `mask`, hatched).
 * Keyboard: Enter closes the polygon being drawn, Backspace removes its last point, Delete removes
 * the selected point, arrows nudge it (Shift: more), Escape stops drawing.
 */
import { useState } from 'react';
import { MAX_PRIVACY_MASKS } from '../../../src/config/schema.ts';
import { ZONE_KINDS, closeZone, isMask, isZone, maskNumber, movePoint, newZone, removePoint, zoneIssues, type EditKind, type EditZone } from '../lib/zone-edit.ts';
import { MASK_COLOR, ZONE_COLORS, shapeColor } from '../components/ZoneShapes.tsx';
import { useI18n } from '../i18n/context.tsx';
import { ZonePanel } from './ZonePanel.tsx';
import { ZoneStage, type StageMode } from './ZoneStage.tsx';

interface Props {
  readonly zones: readonly EditZone[];
  readonly onChange: (zones: EditZone[]) => void;
  readonly background?: string;
}

export function ZoneEditor({ zones, onChange, background }: Props): React.JSX.Element {
  const { t, lang } = useI18n();
  const [selected, setSelected] = useState(zones.length ? 0 : -1);
  const [vertex, setVertex] = useState(-1);
  const [mode, setMode] = useState<StageMode>('edit');
  const [message, setMessage] = useState<string>();
  const [aspect, setAspect] = useState(16 / 9);
  const zone = zones[selected];
  const masks = zones.filter(isMask).length;
  const nameOf = (z: EditZone): string => (isMask(z) ? t('masks.label', { n: maskNumber(z, zones) }) : z.id);

  const setZone = (i: number, z: EditZone): void => onChange(zones.map((q, j) => (j === i ? z : q)));
  const select = (i: number, v = -1): void => {
    setSelected(i);
    setVertex(v);
    setMode('edit');
  };
  const add = (kind: EditKind): void => {
    const z = newZone(kind, zones);
    onChange([...zones, z]);
    select(zones.length);
    setMessage(kind === 'mask' ? t('masks.startDrawing', { n: masks + 1 }) : t('zones.startDrawing', { id: z.id }));
  };
  const remove = (i: number): void => {
    onChange(zones.filter((_, j) => j !== i));
    select(-1);
    setMessage(undefined);
  };
  const result = (r: { ok: true; zone: EditZone } | { ok: false; message: string }): void => {
    if (r.ok) {
      setZone(selected, r.zone);
      setMessage(undefined);
    } else setMessage(r.message);
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (!zone) return;
    if (e.key === 'Enter' && !zone.closed) result(closeZone(zone, lang));
    else if (e.key === 'Backspace' && !zone.closed && zone.points.length) result(removePoint(zone, zone.points.length - 1, lang));
    else if (e.key === 'Delete' && vertex >= 0) {
      result(removePoint(zone, vertex, lang));
      setVertex(-1);
    } else if (e.key === 'Escape') {
      if (!zone.closed && zone.points.length === 0) remove(selected);
      else select(-1);
    } else if (e.key.startsWith('Arrow') && vertex >= 0) {
      const step = e.shiftKey ? 0.02 : 0.004;
      const p = zone.points[vertex];
      if (!p) return;
      const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key] ?? [0, 0];
      result(movePoint(zone, vertex, [p[0] + (d[0] ?? 0), p[1] + (d[1] ?? 0)], lang));
    } else return;
    e.preventDefault();
  };

  return (
    <div className="zone-editor">
      <div className="ze-main" tabIndex={0} onKeyDown={onKeyDown} aria-describedby="ze-help">
        <ZoneStage
          zones={zones}
          selected={selected}
          mode={mode}
          background={background}
          aspect={aspect}
          vertex={vertex}
          onSelect={select}
          onZone={setZone}
          onMessage={setMessage}
          onModeDone={() => setMode('edit')}
          onImageSize={(w, h) => h > 0 && setAspect(w / h)}
        />
        <p id="ze-help" className="muted small">
          {t('zones.help')}
        </p>
        <p className={`ze-message ${message ? 'show' : ''}`} role="alert" aria-live="assertive">{message}</p>
      </div>
      <div className="ze-side">
        <div className="ze-add" role="group" aria-label={t('zones.addZone')}>
          {ZONE_KINDS.map((kind) => (
            <button key={kind} type="button" onClick={() => add(kind)}>
              <span className="swatch" style={{ background: ZONE_COLORS[kind] }} aria-hidden="true" />+ {t(`zones.add_${kind}`)}
            </button>
          ))}
          <button type="button" onClick={() => add('mask')} disabled={masks >= MAX_PRIVACY_MASKS} title={masks >= MAX_PRIVACY_MASKS ? t('masks.limitReached', { max: MAX_PRIVACY_MASKS }) : undefined}>
            <span className="swatch swatch-mask" style={{ background: MASK_COLOR }} aria-hidden="true" />+ {t('masks.add')}
          </button>
        </div>
        <ul className="ze-list" aria-label={t('zones.list')}>
          {zones.map((z, i) => {
            const issues = zoneIssues(z, zones, lang);
            return (
              <li key={i} className={i === selected ? 'selected' : ''}>
                <button type="button" className="ze-item" aria-pressed={i === selected} onClick={() => select(i)}>
                  <span className={`swatch ${isMask(z) ? 'swatch-mask' : ''}`} style={{ background: shapeColor(z.kind) }} aria-hidden="true" />
                  <span>{nameOf(z)}</span>
                  <span className="muted small">
                    {isZone(z) ? t(`zones.kind_${z.kind}`) : t('masks.kind')} · {t('zones.points', { count: z.points.length })}
                    {z.closed ? '' : ` · ${t('zones.open')}`}
                  </span>
                  {issues.length > 0 && (
                    <span className="warn-dot" title={issues.join('\n')} aria-label={t('zones.hasProblems')}>
                      {t('zones.problemMark')}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
          {zones.length === 0 && <li className="muted small">{t('zones.noZone')}</li>}
        </ul>
        {zone && (
          <ZonePanel
            zone={zone}
            title={isMask(zone) ? t('masks.panelTitle', { n: maskNumber(zone, zones) }) : t('zones.panelTitle', { id: zone.id })}
            issues={zoneIssues(zone, zones, lang)}
            directionMode={mode === 'direction'}
            onChange={(z) => setZone(selected, z)}
            onResult={result}
            onDirectionMode={() => setMode(mode === 'direction' ? 'edit' : 'direction')}
            onDelete={() => remove(selected)}
          />
        )}
      </div>
    </div>
  );
}
