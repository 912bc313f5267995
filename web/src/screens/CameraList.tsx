/** Camera set-up: list with health, enable/disable, edit, remove; in distributed mode, the workers under it. */
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useCameras, useHub, usePermissions } from '../api/hub-hooks.ts';
import type { CameraView } from '../api/types.ts';
import { HealthBadge } from '../components/HealthBadge.tsx';
import { draftFromCamera, draftToBody } from '../lib/camera-draft.ts';
import { useI18n } from '../i18n/context.tsx';
import { eventLabel } from '../lib/labels.ts';
import { CameraLegalCell } from '../components/CameraLegal.tsx';
import { useLegal } from '../lib/use-legal.ts';
import { WorkersPanel } from '../components/WorkersPanel.tsx';

/** `rtsp://user:secret@host` -> `rtsp://user:***@host`. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+):[^@/]*@/i, '$1:***@');
}

export function CameraList(): React.JSX.Element {
  const { t } = useI18n();
  const canEdit = usePermissions().cameras;
  const cameras = useCameras();
  const hub = useHub();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  // Why a camera is not analysed (its authorisation, a kill switch): loaded again when a camera's state changes.
  const legal = useLegal();

  const run = async (id: string, action: () => Promise<unknown>): Promise<void> => {
    setBusy(id);
    setError(undefined);
    try {
      await action();
      await hub.refreshCameras();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(undefined);
    }
  };

  const setEnabled = (c: CameraView, enabled: boolean): Promise<void> =>
    run(c.id, () => api.put(`/api/cameras/${encodeURIComponent(c.id)}`, { ...draftToBody(draftFromCamera(c)), enabled }));

  const remove = (c: CameraView): void => {
    if (!window.confirm(t('cameras.confirmRemove', { name: c.name ?? c.id }))) return;
    void run(c.id, () => api.del(`/api/cameras/${encodeURIComponent(c.id)}`));
  };

  return (
    <section className="screen" aria-labelledby="cams-title">
      <header className="screen-head">
        <h1 id="cams-title">{t('cameras.title')}</h1>
        <span className="muted">{t('cameras.configured', { count: cameras.length })}</span>
        {canEdit && <a className="button primary" href="#/cameras/new">+ {t('cameras.addCameraLink')}</a>}
      </header>
      {error && <p className="error-box" role="alert">{error}</p>}
      {cameras.length === 0 ? (
        <p className="empty">{t('cameras.noCameraYet')}{canEdit && <> <a href="#/cameras/new">{t('cameras.addFirst')}</a>.</>}</p>
      ) : (
        <table className="table cameras">
          <thead>
            <tr>
              <th scope="col">{t('cameras.colCamera')}</th>
              <th scope="col">{t('cameras.colSource')}</th>
              <th scope="col">{t('cameras.colHealth')}</th>
              <th scope="col">{t('legal.colLegal')}</th>
              <th scope="col">{t('cameras.colEvents')}</th>
              <th scope="col">{t('cameras.zones')}</th>
              {canEdit && <th scope="col"><span className="sr-only">{t('cameras.colActions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {cameras.map((c) => (
              <tr key={c.id} className={c.enabled ? '' : 'disabled'}>
                <td>
                  <strong>{c.name ?? c.id}</strong>
                  {c.name && <div className="muted small mono">{c.id}</div>}
                </td>
                <td className="mono small url-cell" title={maskUrl(c.url)}>{maskUrl(c.url)}{c.loop && <span className="tag">{t('cameras.loopTag')}</span>}</td>
                <td><HealthBadge camera={c} /></td>
                <td><CameraLegalCell state={legal.state?.cameras.find((s) => s.cameraId === c.id)} enabled={c.enabled} /></td>
                <td className="small">{c.events.length ? c.events.map((e) => eventLabel(e, t)).join(', ') : <span className="muted">{t('cameras.noEvents')}</span>}</td>
                <td>{c.zones.length}</td>
                {canEdit && (
                  <td>
                    <div className="actions">
                    <a className="button small" href={`#/cameras/${encodeURIComponent(c.id)}`}>{t('cameras.edit')}</a>
                    <button type="button" className="small" disabled={busy === c.id} onClick={() => void setEnabled(c, !c.enabled)}>
                      {c.enabled ? t('cameras.disable') : t('cameras.enable')}
                    </button>
                    <button type="button" className="small danger" disabled={busy === c.id} onClick={() => remove(c)}>{t('cameras.remove')}</button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <WorkersPanel />
    </section>
  );
}
