/**
 * Accounts (admin only): list with the last sign-in, add with a role, change another account's
 * role, disable or enable it (a disabled account cannot sign in; its sessions end), reset its
 * password, remove it. Roles decide what the console offers.
 */
import { useCallback, useContext, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { MeContext } from '../api/hub-hooks.ts';
import type { Role } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';

interface User {
  readonly username: string;
  readonly role: Role;
  readonly createdAtMs: number;
  readonly disabledAtMs?: number;
  readonly lastLoginAtMs?: number;
}

const ROLES: readonly { role: Role; text: string }[] = [
  { role: 'operator', text: 'operator: watches and qualifies alerts' },
  { role: 'supervisor', text: 'supervisor: also sets up cameras' },
  { role: 'auditor', text: 'auditor: reads, and the journal' },
  { role: 'admin', text: 'admin: everything, accounts included' },
];

export function Users(): React.JSX.Element {
  const me = useContext(MeContext);
  const [users, setUsers] = useState<readonly User[]>([]);
  const [error, setError] = useState<string>();
  const [form, setForm] = useState({ username: '', password: '', role: 'operator' as Role });
  const [resetting, setResetting] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(() => api.get<User[]>('/api/users').then(setUsers, (err: unknown) => setError(describeError(err))), []);
  useEffect(() => void load(), [load]);

  const add = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post('/api/users', { ...form, username: form.username.trim() });
      setForm({ username: '', password: '', role: form.role });
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  /** Runs a change and reloads the list; an error is shown above it. */
  const change = async (task: () => Promise<unknown>): Promise<void> => {
    setError(undefined);
    try {
      await task();
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const path = (u: User): string => `/api/users/${encodeURIComponent(u.username)}`;

  const remove = async (u: User): Promise<void> => {
    if (!window.confirm(`Remove the account "${u.username}"?`)) return;
    try {
      await api.del(`/api/users/${encodeURIComponent(u.username)}`);
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section className="screen" aria-labelledby="users-title">
      <header className="screen-head">
        <h1 id="users-title">Accounts</h1>
      </header>
      {error && <p className="error-box" role="alert">{error}</p>}
      {notice && <p className="ok-text" role="status">{notice}</p>}
      <table className="table">
        <thead>
          <tr><th scope="col">Username</th><th scope="col">Role</th><th scope="col">Last sign-in</th><th scope="col">Created</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const self = u.username === me?.username;
            const disabled = u.disabledAtMs !== undefined;
            return (
              <tr key={u.username} className={disabled ? 'disabled' : undefined}>
                <td>
                  <strong>{u.username}</strong>
                  {disabled && <span className="tag">disabled</span>}
                </td>
                <td>
                  {self ? u.role : (
                    <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void change(() => api.patch(path(u), { role: e.target.value }))}>
                      {ROLES.map((r) => <option key={r.role} value={r.role}>{r.role}</option>)}
                    </select>
                  )}
                </td>
                <td className="muted">{u.lastLoginAtMs !== undefined ? formatDateTime(u.lastLoginAtMs) : 'never'}</td>
                <td className="muted">{formatDateTime(u.createdAtMs)}</td>
                <td>
                  {!self && (
                    <div className="actions">
                      <button type="button" className="small" onClick={() => void change(() => api.patch(path(u), { disabled: !disabled }))}>{disabled ? 'Enable' : 'Disable'}</button>
                      <button type="button" className="small" onClick={() => setResetting(resetting === u.username ? undefined : u.username)}>Reset password</button>
                      <button type="button" className="small danger" onClick={() => void remove(u)}>Remove</button>
                    </div>
                  )}
                  {resetting === u.username && (
                    <PasswordReset
                      username={u.username}
                      onReset={(password) => change(async () => {
                        await api.post(`${path(u)}/password`, { password });
                        setResetting(undefined);
                        setNotice(`Password of ${u.username} reset; their sessions ended.`);
                      })}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="panel user-form" onSubmit={(e) => void add(e)} aria-labelledby="add-user">
        <h2 id="add-user">Add an account</h2>
        <div className="form-row">
          <label>
            Username
            <input required value={form.username} autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} />
          </label>
          <label>
            <span>Password <span className="muted small">(at least 8 characters)</span></span>
            <input type="password" required minLength={8} autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </label>
          <label>
            Role
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => <option key={r.role} value={r.role}>{r.text}</option>)}
            </select>
          </label>
        </div>
        <div className="button-row end">
          <button type="submit" className="primary">Add account</button>
        </div>
      </form>
    </section>
  );
}

function PasswordReset({ username, onReset }: { username: string; onReset: (password: string) => Promise<void> }): React.JSX.Element {
  const [password, setPassword] = useState('');
  return (
    <form className="button-row end" onSubmit={(e) => { e.preventDefault(); void onReset(password); }}>
      <label className="small">
        New password for {username}
        <input type="password" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit" className="small primary">Set password</button>
    </form>
  );
}
