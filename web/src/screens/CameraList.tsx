/** Camera set-up: list with health, enable/disable, edit, remove. */
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useCameras, useHub, usePermissions } from '../api/hub-hooks.ts';
import type { CameraView } from '../api/types.ts';
import { HealthBadge } from '../components/HealthBadge.tsx';
import { draftFromCamera, draftToBody } from '../lib/camera-draft.ts';
import { EVENT_LABELS } from '../lib/labels.ts';

/** `rtsp://user:secret@host` -> `rtsp://user:***@host`. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+):[^@/]*@/i, '$1:***@');
}

export function CameraList(): React.JSX.Element {
  const canEdit = usePermissions().cameras;
  const cameras = useCameras();
  const hub = useHub();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const run = async (id: string, action: () => Promise<unknown>): Promise<void> => {
    setBusy(id);
    setError(undefined);
    try {
      await action();
      await hub.refreshCameras();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(undefined);
    }
  };

  const setEnabled = (c: CameraView, enabled: boolean): Promise<void> =>
    run(c.id, () => api.put(`/api/cameras/${encodeURIComponent(c.id)}`, { ...draftToBody(draftFromCamera(c)), enabled }));

  const remove = (c: CameraView): void => {
    if (!window.confirm(`Remove camera "${c.name ?? c.id}"? Its alerts stay in the history.`)) return;
    void run(c.id, () => api.del(`/api/cameras/${encodeURIComponent(c.id)}`));
  };

  return (
    <section className="screen" aria-labelledby="cams-title">
      <header className="screen-head">
        <h1 id="cams-title">Cameras</h1>
        <span className="muted">{cameras.length} configured</span>
        {canEdit && <a className="button primary" href="#/cameras/new">+ Add camera</a>}
      </header>
      {error && <p className="error-box" role="alert">{error}</p>}
      {cameras.length === 0 ? (
        <p className="empty">No camera yet.{canEdit && <> <a href="#/cameras/new">Add the first one</a>.</>}</p>
      ) : (
        <table className="table cameras">
          <thead>
            <tr>
              <th scope="col">Camera</th>
              <th scope="col">Source</th>
              <th scope="col">Health</th>
              <th scope="col">Events</th>
              <th scope="col">Zones</th>
              {canEdit && <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {cameras.map((c) => (
              <tr key={c.id} className={c.enabled ? '' : 'disabled'}>
                <td>
                  <strong>{c.name ?? c.id}</strong>
                  {c.name && <div className="muted small mono">{c.id}</div>}
                </td>
                <td className="mono small url-cell" title={maskUrl(c.url)}>{maskUrl(c.url)}{c.loop && <span className="tag">loop</span>}</td>
                <td><HealthBadge camera={c} /></td>
                <td className="small">{c.events.length ? c.events.map((e) => EVENT_LABELS[e]).join(', ') : <span className="muted">none</span>}</td>
                <td>{c.zones.length}</td>
                {canEdit && (
                  <td>
                    <div className="actions">
                    <a className="button small" href={`#/cameras/${encodeURIComponent(c.id)}`}>Edit</a>
                    <button type="button" className="small" disabled={busy === c.id} onClick={() => void setEnabled(c, !c.enabled)}>
                      {c.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button type="button" className="small danger" disabled={busy === c.id} onClick={() => remove(c)}>Remove</button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
