/** One alert: snapshot (box and zone drawn by the server), evidence clip, facts, rule parameters, qualification. */
import { useCallback, useEffect, useState } from 'react';
import { clipUrl, getAlert, snapshotUrl } from '../api/alerts.ts';
import { describeError } from '../api/client.ts';
import { loadEventDocs } from '../api/events.ts';
import { useAlertStream, useCameras, usePermissions } from '../api/hub-hooks.ts';
import type { AlertDetail, EventDoc, StoredAlert } from '../api/types.ts';
import { QualifyPanel } from '../components/QualifyPanel.tsx';
import { DecisionHistory } from '../components/DecisionHistory.tsx';
import { useNextPending } from '../lib/use-next-pending.ts';
import { StatusPill, TypeTag } from '../components/StatusPill.tsx';
import { formatDateTime } from '../lib/format.ts';
import { isShortcut } from '../lib/keys.ts';
import { navigate } from '../lib/router.ts';
import { useClip } from '../lib/use-clip.ts';

export function AlertDetailScreen({ id }: { id: string }): React.JSX.Element {
  const [alert, setAlert] = useState<AlertDetail>();
  const [error, setError] = useState<string>();
  const [docs, setDocs] = useState<readonly EventDoc[]>([]);
  const cameras = useCameras();
  const { qualify: canQualify, correct: canCorrect } = usePermissions();
  const next = useNextPending(id);
  const reload = useCallback(() => getAlert(id).then(setAlert, (err: unknown) => setError(describeError(err))), [id]);

  useEffect(() => {
    getAlert(id).then(setAlert, (err: unknown) => setError(describeError(err)));
    loadEventDocs().then(setDocs, (err: unknown) => console.warn('event docs', err));
  }, [id]);

  useAlertStream(
    useCallback(
      (a: StoredAlert) => {
        if (a.id === id) void reload();
      },
      [id, reload],
    ),
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isShortcut(e) && (e.key === 'Escape' || e.key === 'Backspace' || e.key === 'u')) {
        e.preventDefault();
        navigate({ name: 'alerts' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (error) return <section className="screen"><BackLink /><p className="error-box" role="alert">{error}</p></section>;
  if (!alert) return <section className="screen"><BackLink /><p className="muted">Loading…</p></section>;

  const camera = cameras.find((c) => c.id === alert.cameraId);
  const paramKeys = docs.find((d) => d.type === alert.type)?.params.map((p) => p.key);
  const params = Object.entries(alert.params ?? {}).filter(([k]) => !paramKeys || paramKeys.includes(k));

  return (
    <section className="screen detail" aria-labelledby="detail-title">
      <header className="screen-head">
        <BackLink />
        <h1 id="detail-title"><TypeTag type={alert.type} /></h1>
        <StatusPill status={alert.status} />
        <span className="muted">{formatDateTime(alert.createdAtMs)}</span>
      </header>
      <p className="detail-message">{alert.message}</p>
      <div className="detail-grid">
        <figure className="media">
          <img src={snapshotUrl(alert.id)} alt={`Snapshot of the ${alert.type.replace('_', ' ')} alert, detection box and zone drawn`} />
          <figcaption className="muted small">Snapshot of the analysed frame (box and zone drawn)</figcaption>
        </figure>
        <Clip id={alert.id} />
        <div className="side">
          <QualifyPanel alert={alert} readOnly={!canQualify} onQualified={() => void reload()} next={next} onNext={(nextId) => navigate({ name: 'alert', id: nextId })} />
          <DecisionHistory alert={alert} decisions={alert.decisions} canCorrect={canCorrect} onCorrected={() => void reload()} />
          <section className="panel" aria-label="Facts">
            <h2>Facts</h2>
            <dl className="facts">
              <dt>Camera</dt>
              <dd>{camera?.name ? `${camera.name} (${alert.cameraId})` : alert.cameraId}</dd>
              <dt>Time</dt>
              <dd>{formatDateTime(alert.frameWallMs)}</dd>
              <dt>Media time</dt>
              <dd>{(alert.tMs / 1000).toFixed(1)} s</dd>
              <dt>Zone</dt>
              <dd>{alert.zone ? `${alert.zone.id} (${alert.zone.kind})` : (alert.zoneId ?? '–')}</dd>
              {alert.trackId !== undefined && (
                <>
                  <dt>Track</dt>
                  <dd>#{alert.trackId}</dd>
                </>
              )}
              <dt>Score</dt>
              <dd>{alert.score.toFixed(2)}</dd>
              {Object.entries(alert.details ?? {}).map(([k, v]) => (
                <Fact key={k} name={k} value={v} />
              ))}
            </dl>
          </section>
          <section className="panel" aria-label="Rule parameters">
            <h2>Rule parameters</h2>
            {params.length === 0 ? (
              <p className="muted small">Defaults.</p>
            ) : (
              <dl className="facts params">
                {params.map(([k, v]) => (
                  <Fact key={k} name={k} value={v as number | string} />
                ))}
              </dl>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}

function Fact({ name, value }: { name: string; value: number | string | boolean }): React.JSX.Element {
  const shown = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value);
  return (
    <>
      <dt>{name}</dt>
      <dd>{shown}</dd>
    </>
  );
}

function Clip({ id }: { id: string }): React.JSX.Element {
  const { state, message } = useClip(clipUrl(id));
  return (
    <figure className="media clip" aria-busy={state === 'pending' || state === 'checking'}>
      {state === 'ready' ? (
        <video src={clipUrl(id)} controls muted autoPlay loop playsInline preload="auto" aria-label="Evidence clip" />
      ) : (
        <div className="clip-placeholder" role="status">
          {state === 'checking' && 'Looking for the evidence clip…'}
          {state === 'pending' && <><span className="spinner" aria-hidden="true" /> Encoding the evidence clip (about 5 s after the alert)…</>}
          {state === 'none' && 'No evidence clip for this alert.'}
          {state === 'error' && `Clip unavailable: ${message ?? 'unknown error'}`}
        </div>
      )}
      <figcaption className="muted small">Evidence clip, about 5 s before and after the alert</figcaption>
    </figure>
  );
}

function BackLink(): React.JSX.Element {
  return <a className="back" href="#/alerts" title="Back to the queue (Esc)">← Queue</a>;
}
