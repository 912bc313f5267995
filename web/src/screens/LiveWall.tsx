/** Live view: a wall of the chosen cameras, each subscribed over the WebSocket while shown. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAlertStream, useCameras, usePending } from '../api/hub-hooks.ts';
import type { StoredAlert } from '../api/types.ts';
import { LiveTile } from '../components/LiveTile.tsx';

const SHOWN_KEY = 'vigie.live.hidden';

function loadHidden(): Set<string> {
  try {
    return new Set(JSON.parse(window.localStorage.getItem(SHOWN_KEY) ?? '[]') as string[]);
  } catch (err) {
    console.warn('stored wall layout ignored', err);
    return new Set();
  }
}

export function LiveWall(): React.JSX.Element {
  const cameras = useCameras();
  const pending = usePending();
  const [hidden, setHidden] = useState<Set<string>>(loadHidden);
  const [large, setLarge] = useState<string>();
  const [recent, setRecent] = useState<ReadonlyMap<string, StoredAlert>>(new Map());

  useEffect(() => window.localStorage.setItem(SHOWN_KEY, JSON.stringify([...hidden])), [hidden]);

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
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const shown = cameras.filter((c) => !hidden.has(c.id) && (large === undefined || large === c.id));

  return (
    <section className="screen live" aria-labelledby="live-title">
      <header className="screen-head">
        <h1 id="live-title">Live view</h1>
        <fieldset className="chips">
          <legend className="sr-only">Cameras on the wall</legend>
          {cameras.map((c) => (
            <label key={c.id} className="chip">
              <input type="checkbox" checked={!hidden.has(c.id)} onChange={() => toggle(c.id)} />
              {c.name ?? c.id}
            </label>
          ))}
        </fieldset>
      </header>
      {cameras.length === 0 && <p className="empty">No camera yet. Add one in <a href="#/cameras/new">Cameras</a>.</p>}
      <div className={`wall ${large ? 'single' : ''}`}>
        {shown.map((c) => (
          <LiveTile key={c.id} camera={c} alertsById={alertsById} large={large === c.id} onToggleLarge={() => setLarge(large === c.id ? undefined : c.id)} />
        ))}
      </div>
      <p className="legend muted small">
        <span className="lg lg-track" /> tracked object (id) <span className="lg lg-alert" /> active alert
        <span className="lg lg-forbidden" /> forbidden <span className="lg lg-flow" /> flow (arrow: allowed direction)
        <span className="lg lg-crowd" /> crowd <span className="lg lg-watch" /> watch
      </p>
    </section>
  );
}
