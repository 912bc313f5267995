/**
 * One alert: snapshot (box and zone drawn by the server), evidence clip (box, alert moment and
 * wall-clock time burnt in), facts in words, rule parameters, qualification, evidence export.
 */
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
import { alertFacts, keyToWords } from '../../../src/core/alert-facts.ts';
import { formatDateTime } from '../lib/format.ts';
import { isShortcut } from '../lib/keys.ts';
import { navigate } from '../lib/router.ts';
import { useClip, type ClipState } from '../lib/use-clip.ts';

export function AlertDetailScreen({ id }: { id: string }): React.JSX.Element {
  const [alert, setAlert] = useState<AlertDetail>();
  const [error, setError] = useState<string>();
  const [docs, setDocs] = useState<readonly EventDoc[]>([]);
  const cameras = useCameras();
  const { qualify: canQualify, correct: canCorrect } = usePermissions();
  const next = useNextPending(id);
  const reload = useCallback(() => getAlert(id).then(setAlert, (err: unknown) => setError(describeError(err))), [id]);
  const clip = useClip(clipUrl(id));

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
        <div className="detail-media">
          <Clip id={alert.id} clip={clip} />
          <figure className="media">
            <img src={snapshotUrl(alert.id)} alt={`Snapshot of the ${alert.type.replace('_', ' ')} alert, detection box and zone drawn`} />
            <figcaption className="muted small">Snapshot of the analysed frame (box and zone drawn)</figcaption>
          </figure>
        </div>
        <div className="side">
          <QualifyPanel alert={alert} readOnly={!canQualify} onQualified={() => void reload()} next={next} onNext={(nextId) => navigate({ name: 'alert', id: nextId })} />
          <DecisionHistory alert={alert} decisions={alert.decisions} canCorrect={canCorrect} onCorrected={() => void reload()} />
          <section className="panel" aria-label="Facts">
            <h2>Facts</h2>
            <dl className="facts">
              {alertFacts(alert, { ...(camera?.name ? { cameraName: camera.name } : {}), ...(alert.zone ? { zoneKind: alert.zone.kind } : {}), formatTime: formatDateTime }).map((f) => (
                <Fact key={f.label} name={f.label} value={f.text} />
              ))}
            </dl>
            <EvidenceExport id={alert.id} clipState={clip.state} />
          </section>
          <section className="panel" aria-label="Rule parameters">
            <h2>Rule parameters</h2>
            {params.length === 0 ? (
              <p className="muted small">Defaults.</p>
            ) : (
              <dl className="facts params">
                {params.map(([k, v]) => (
                  <Fact key={k} name={keyToWords(k)} value={v as number | string} title={docs.find((d) => d.type === alert.type)?.params.find((p) => p.key === k)?.description} />
                ))}
              </dl>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}

function Fact({ name, value, title }: { name: string; value: number | string | boolean; title?: string | undefined }): React.JSX.Element {
  const shown = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value);
  return (
    <>
      <dt title={title}>{name}</dt>
      <dd>{shown}</dd>
    </>
  );
}

function Clip({ id, clip }: { id: string; clip: ReturnType<typeof useClip> }): React.JSX.Element {
  const { state, message } = clip;
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
      <figcaption className="muted small">Evidence clip, about 5 s before and after the alert: box, red border at the alert moment, time of each frame</figcaption>
    </figure>
  );
}

/** One ZIP with the snapshot, the clip, the facts and their SHA-256; offered once the clip is settled. */
function EvidenceExport({ id, clipState }: { id: string; clipState: ClipState }): React.JSX.Element {
  const waiting = clipState === 'pending' || clipState === 'checking';
  return (
    <p className="evidence-export">
      {waiting ? (
        <button type="button" className="ghost small" disabled title="The clip is still being encoded">Export evidence (.zip)</button>
      ) : (
        <a className="button small" href={`/api/alerts/${encodeURIComponent(id)}/evidence.zip`} download title="Snapshot, clip, facts and a manifest with the SHA-256 of each file">
          Export evidence (.zip)
        </a>
      )}
    </p>
  );
}

function BackLink(): React.JSX.Element {
  return <a className="back" href="#/alerts" title="Back to the queue (Esc)">← Queue</a>;
}
