/**
 * Accounts (admin only): list with the last sign-in, add with a role, change another account's
 * role, disable or enable it (a disabled account cannot sign in; its sessions end), reset its
 * password, remove it, record its habilitation and trainings (HabilitationPanel). Roles decide what
 * the console offers; the habilitation whether the account may view alerts and live video.
 */
import { Fragment, useCallback, useContext, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { listHabilitations } from '../api/habilitation.ts';
import { HabilitationPanel, ViewingTag } from '../components/HabilitationPanel.tsx';
import { MeContext } from '../api/hub-hooks.ts';
import type { HabilitationState, Role } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { ROLES, roleHint, roleLabel } from '../lib/role-words.ts';

interface User {
  readonly username: string;
  readonly role: Role;
  readonly createdAtMs: number;
  readonly disabledAtMs?: number;
  readonly lastLoginAtMs?: number;
}

export function Users(): React.JSX.Element {
  const { t, fmt } = useI18n();
  const me = useContext(MeContext);
  const [users, setUsers] = useState<readonly User[]>([]);
  const [error, setError] = useState<string>();
  const [form, setForm] = useState({ username: '', password: '', role: 'operator' as Role });
  const [resetting, setResetting] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [habilitations, setHabilitations] = useState<ReadonlyMap<string, HabilitationState>>(new Map());
  const [habilitating, setHabilitating] = useState<string>();

  const load = useCallback(
    () =>
      Promise.all([api.get<User[]>('/api/users'), listHabilitations()]).then(([list, states]) => {
        setUsers(list);
        setHabilitations(new Map(states.map((h) => [h.username, h])));
      }, (err: unknown) => setError(describeError(err, t))),
    [t],
  );
  useEffect(() => void load(), [load]);

  const add = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post('/api/users', { ...form, username: form.username.trim() });
      setForm({ username: '', password: '', role: form.role });
      await load();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  /** Runs a change and reloads the list; an error is shown above it. */
  const change = async (task: () => Promise<unknown>): Promise<void> => {
    setError(undefined);
    try {
      await task();
      await load();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const path = (u: User): string => `/api/users/${encodeURIComponent(u.username)}`;

  const remove = async (u: User): Promise<void> => {
    if (!window.confirm(t('users.confirmRemove', { username: u.username }))) return;
    try {
      await api.del(`/api/users/${encodeURIComponent(u.username)}`);
      await load();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <section className="screen" aria-labelledby="users-title">
      <header className="screen-head">
        <h1 id="users-title">{t('users.title')}</h1>
      </header>
      {error && <p className="error-box" role="alert">{error}</p>}
      {notice && <p className="ok-text" role="status">{notice}</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('users.username')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.lastLogin')}</th>
            <th scope="col">{t('users.created')}</th>
            <th scope="col">{t('habilitation.column')}</th>
            <th scope="col"><span className="sr-only">{t('users.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const self = u.username === me?.username;
            const disabled = u.disabledAtMs !== undefined;
            const habilitation = habilitations.get(u.username);
            return (
              <Fragment key={u.username}>
                <tr className={disabled ? 'disabled' : undefined}>
                  <td>
                    <strong>{u.username}</strong>
                    {disabled && <span className="tag">{t('users.disabled')}</span>}
                  </td>
                  <td>
                    {self ? roleLabel(u.role, t) : (
                      <select aria-label={t('users.roleOf', { username: u.username })} value={u.role} onChange={(e) => void change(() => api.patch(path(u), { role: e.target.value }))}>
                        {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r, t)}</option>)}
                      </select>
                    )}
                  </td>
                  <td className="muted">{u.lastLoginAtMs !== undefined ? fmt.dateTime(u.lastLoginAtMs) : t('users.never')}</td>
                  <td className="muted">{fmt.dateTime(u.createdAtMs)}</td>
                  <td>
                    {habilitation && <ViewingTag state={habilitation} />}
                    <button type="button" className="small" aria-expanded={habilitating === u.username} onClick={() => setHabilitating(habilitating === u.username ? undefined : u.username)}>
                      {t('habilitation.manage')}
                    </button>
                  </td>
                  <td>
                    {!self && (
                      <div className="actions">
                        <button type="button" className="small" onClick={() => void change(() => api.patch(path(u), { disabled: !disabled }))}>{disabled ? t('users.enable') : t('users.disable')}</button>
                        <button type="button" className="small" onClick={() => setResetting(resetting === u.username ? undefined : u.username)}>{t('users.resetPassword')}</button>
                        <button type="button" className="small danger" onClick={() => void remove(u)}>{t('users.remove')}</button>
                      </div>
                    )}
                    {resetting === u.username && (
                      <PasswordReset
                        username={u.username}
                        onReset={(password) => change(async () => {
                          await api.post(`${path(u)}/password`, { password });
                          setResetting(undefined);
                          setNotice(t('users.passwordReset', { username: u.username }));
                        })}
                      />
                    )}
                  </td>
                </tr>
                {habilitating === u.username && habilitation && (
                  <tr className="habilitation-row">
                    <td colSpan={6}>
                      <HabilitationPanel state={habilitation} onChanged={async (message) => { setNotice(message); await load(); }} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <form className="panel user-form" onSubmit={(e) => void add(e)} aria-labelledby="add-user">
        <h2 id="add-user">{t('users.addTitle')}</h2>
        <div className="form-row">
          <label>
            {t('users.username')}
            <input required value={form.username} autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} />
          </label>
          <label>
            <span>{t('users.password')} <span className="muted small">{t('users.passwordHint')}</span></span>
            <input type="password" required minLength={8} autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </label>
          <label>
            {t('users.role')}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => <option key={r} value={r}>{roleHint(r, t)}</option>)}
            </select>
          </label>
        </div>
        <div className="button-row end">
          <button type="submit" className="primary">{t('users.add')}</button>
        </div>
      </form>
    </section>
  );
}

function PasswordReset({ username, onReset }: { username: string; onReset: (password: string) => Promise<void> }): React.JSX.Element {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  return (
    <form className="button-row end" onSubmit={(e) => { e.preventDefault(); void onReset(password); }}>
      <label className="small">
        {t('users.newPasswordFor', { username })}
        <input type="password" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit" className="small primary">{t('users.setPassword')}</button>
    </form>
  );
}
