/**
 * Live view: a wall of the chosen cameras, each subscribed over the WebSocket while shown. The
 * grid fills the window (wallGrid: the column count that makes each picture largest); disabled
 * cameras are not on it; the layout is remembered per window and screen.
 */
import { useCallback, useMemo, useState } from 'react';
import { useAlertStream, useCameras, usePending } from '../api/hub-hooks.ts';
import type { StoredAlert } from '../api/types.ts';
import { LiveTile } from '../components/LiveTile.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useWallLayout } from '../lib/prefs.ts';
import { useArea } from '../lib/use-area.ts';
import { wallAspect, wallGrid } from '../lib/wall-grid.ts';

const GAP_PX = 8;
const TILE_HEAD_PX = 36; // title bar and borders
const LEGEND_PX = 40;

export function LiveWall(): React.JSX.Element {
  const { t } = useI18n();
  const cameras = useCameras();
  const pending = usePending();
  const [layout, setLayout] = useWallLayout();
  const [recent, setRecent] = useState<ReadonlyMap<string, StoredAlert>>(new Map());
  const [wallRef, area] = useArea<HTMLDivElement>(LEGEND_PX);
  const [aspects, setAspects] = useState<ReadonlyMap<string, number>>(new Map());
  const onFrameSize = useCallback((id: string, w: number, h: number) => {
    setAspects((m) => (m.get(id) === w / h ? m : new Map(m).set(id, w / h)));
  }, []);

  useAlertStream(
    useCallback((a: StoredAlert) => {
      setRecent((m) => new Map([...m, [a.id, a] as const].slice(-200)));
    }, []),
  );

  const alertsById = useMemo(() => {
    const m = new Map<string, StoredAlert>(pending.map((a) => [a.id, a]));
    recent.forEach((a, id) => m.set(id, a));
    return m;
  }, [pending, recent]);

  const toggle = (id: string): void =>
    setLayout((l) => ({ ...l, hidden: l.hidden.includes(id) ? l.hidden.filter((h) => h !== id) : [...l.hidden, id] }));
  const setLarge = (id: string | undefined): void => setLayout((l) => (id ? { ...l, large: id } : { hidden: l.hidden }));

  const enabled = cameras.filter((c) => c.enabled);
  const onWall = enabled.filter((c) => !layout.hidden.includes(c.id));
  const large = onWall.some((c) => c.id === layout.large) ? layout.large : undefined;
  const shown = large ? onWall.filter((c) => c.id === large) : onWall;
  const aspect = wallAspect(shown.flatMap((c) => aspects.get(c.id) ?? []));
  const grid = wallGrid(shown.length, { ...area, gapPx: GAP_PX, chromePx: TILE_HEAD_PX }, aspect);
  const disabledCount = cameras.length - enabled.length;

  return (
    <section className="screen live" aria-labelledby="live-title">
      <header className="screen-head">
        <h1 id="live-title">{t('live.title')}</h1>
        <fieldset className="chips">
          <legend className="sr-only">{t('live.camerasOnWall')}</legend>
          {enabled.map((c) => (
            <label key={c.id} className="chip">
              <input type="checkbox" checked={!layout.hidden.includes(c.id)} onChange={() => toggle(c.id)} />
              {c.name ?? c.id}
            </label>
          ))}
        </fieldset>
        {disabledCount > 0 && <span className="muted small">{t('live.disabledHidden', { count: disabledCount })}</span>}
      </header>
      {cameras.length === 0 && <p className="empty">{t('live.noCameraAddIn')} <a href="#/cameras/new">{t('cameras.title')}</a>.</p>}
      <div
        ref={wallRef}
        className={`wall ${large ? 'single' : ''}`}
        data-cols={grid.cols}
        style={{ gridTemplateColumns: `repeat(${grid.cols}, ${grid.tileWidthPx > 0 ? `${grid.tileWidthPx}px` : 'minmax(0, 1fr)'})`, gap: GAP_PX }}
      >
        {shown.map((c) => (
          <LiveTile key={c.id} camera={c} alertsById={alertsById} large={large === c.id} onToggleLarge={() => setLarge(large === c.id ? undefined : c.id)} onFrameSize={onFrameSize} />
        ))}
      </div>
      <p className="legend muted small">
        <span className="lg lg-track" /> {t('live.legendTrack')} <span className="lg lg-alert" /> {t('live.legendAlert')}
        <span className="lg lg-forbidden" /> {t('zones.kind_forbidden')} <span className="lg lg-flow" /> {t('live.legendFlow')}
        <span className="lg lg-crowd" /> {t('zones.kind_crowd')} <span className="lg lg-watch" /> {t('zones.kind_watch')}
      </p>
    </section>
  );
}
