/**
 * Authorisations: the prefectoral orders under which the cameras are analysed, with their window
 * and state now, the cameras and event types they cover; the kill switches engaged. Admins record,
 * change and revoke (with why); supervisors stop an authorisation's cameras with its kill switch;
 * every other role reads. The server enforces all of it (src/legal/).
 */
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useCameras, usePermissions } from '../api/hub-hooks.ts';
import { AuthorisationForm } from '../components/AuthorisationForm.tsx';
import { KillSwitchButton, KillSwitchEngaged, WhyButton } from '../components/KillSwitch.tsx';
import { useI18n } from '../i18n/context.tsx';
import { STATE_KEYS, eventList, killScopeWords, type AuthorisationView } from '../lib/legal.ts';
import { useLegal } from '../lib/use-legal.ts';

type Editing = { readonly kind: 'none' } | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly authorisation: AuthorisationView };

export function Authorisations(): React.JSX.Element {
  const { t } = useI18n();
  const { admin } = usePermissions();
  const cameras = useCameras();
  const { state, authorisations, error } = useLegal();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const cameraIds = cameras.map((c) => c.id);

  return (
    <section className="screen" aria-labelledby="auth-title">
      <header className="screen-head">
        <h1 id="auth-title">{t('legal.title')}</h1>
        <span className="muted">{t('legal.count', { count: authorisations.length })}</span>
        {admin && editing.kind === 'none' && <button type="button" className="primary push-right" onClick={() => setEditing({ kind: 'new' })}>+ {t('legal.add')}</button>}
      </header>
      <p className="muted">{t('legal.intro')}</p>
      {state && !state.required && <p className="warn-box" role="status">{t('legal.notRequired')}</p>}
      {!admin && <p className="muted small">{t('legal.readOnly')}</p>}
      {error && <p className="error-box" role="alert">{error}</p>}
      {state && state.killSwitches.length > 0 && (
        <div className="panel kill-list" role="status">
          <h2>{t('legal.killSwitches')}</h2>
          <ul>
            {state.killSwitches.map((k) => (
              <li key={k.id}><strong>{killScopeWords(k, t, authorisations)}</strong> <KillSwitchEngaged killSwitch={k} /></li>
            ))}
          </ul>
        </div>
      )}
      {editing.kind !== 'none' && (
        <AuthorisationForm
          key={editing.kind === 'edit' ? editing.authorisation.id : 'new'}
          {...(editing.kind === 'edit' ? { initial: editing.authorisation } : {})}
          cameraIds={cameraIds}
          onSaved={() => setEditing({ kind: 'none' })}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
      {authorisations.length === 0 ? (
        <p className="empty">{t('legal.none')}</p>
      ) : (
        <table className="table authorisations">
          <thead>
            <tr>
              <th scope="col">{t('legal.colReference')}</th>
              <th scope="col">{t('legal.colWindow')}</th>
              <th scope="col">{t('legal.colState')}</th>
              <th scope="col">{t('legal.colCameras')}</th>
              <th scope="col">{t('legal.colEvents')}</th>
              <th scope="col"><span className="sr-only">{t('legal.colActions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {authorisations.map((a) => (
              <AuthorisationRow key={a.id} a={a} onEdit={() => setEditing({ kind: 'edit', authorisation: a })} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AuthorisationRow({ a, onEdit }: { a: AuthorisationView; onEdit: () => void }): React.JSX.Element {
  const { t, fmt } = useI18n();
  const { admin } = usePermissions();
  const open = a.state === 'in_force' || a.state === 'not_started';
  return (
    <tr className={open ? '' : 'disabled'} data-authorisation={a.reference}>
      <td>
        <strong>{a.reference}</strong>
        {a.demo && <span className="tag tag-demo" title={t('legal.demoHint')}>{t('legal.demo')}</span>}
        <div className="muted small">{a.authority}</div>
        {a.perimeter && <div className="small">{a.perimeter}</div>}
        <div className="muted small">{t('legal.recordedBy', { at: fmt.dateTime(a.createdAtMs), by: a.createdBy })}</div>
        {a.revokedAtMs !== undefined && <div className="small warn-text">{t('legal.revokedBy', { at: fmt.dateTime(a.revokedAtMs), by: a.revokedBy ?? '', why: a.revokedWhy ?? '' })}</div>}
      </td>
      <td className="small">{t('legal.window', { from: fmt.dateTime(a.startMs), to: fmt.dateTime(a.endMs) })}</td>
      <td>
        <span className={`pill legal-${a.state}`}>{t(STATE_KEYS[a.state])}</span>
        {a.killed && <span className="tag tag-killed">{t('legal.killedTag')}</span>}
      </td>
      <td className="mono small">{a.cameraIds.join(', ')}</td>
      <td className="small">{eventList(a.events, t)}</td>
      <td>
        <div className="actions">
          {open && !a.killed && <KillSwitchButton scope="authorisation" target={a.id} />}
          <a className="small" href={`/api/authorisations/${encodeURIComponent(a.id)}/notice.html`} target="_blank" rel="noopener" title={t('legal.publicNoticeHint')}>{t('legal.publicNotice')}</a>
          {admin && a.revokedAtMs === undefined && (
            <>
              <button type="button" className="small" onClick={onEdit}>{t('legal.edit')}</button>
              <WhyButton textKey="legal.revoke" whyLabel="legal.revokeWhy" confirm="legal.revokeConfirm" name={`revoke-why-${a.id}`} act={(why) => api.post(`/api/authorisations/${encodeURIComponent(a.id)}/revoke`, { why })} />
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
