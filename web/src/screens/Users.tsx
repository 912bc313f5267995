/** Accounts (admin only): list, add with a role, remove. Roles decide what the console offers. */
import { useCallback, useContext, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { MeContext } from '../api/hub-hooks.ts';
import type { Role } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';

interface User {
  readonly username: string;
  readonly role: Role;
  readonly createdAtMs: number;
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
      <table className="table">
        <thead>
          <tr><th scope="col">Username</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.username}>
              <td><strong>{u.username}</strong></td>
              <td>{u.role}</td>
              <td className="muted">{formatDateTime(u.createdAtMs)}</td>
              <td>
                <div className="actions">
                  {u.username !== me?.username && <button type="button" className="small danger" onClick={() => void remove(u)}>Remove</button>}
                </div>
              </td>
            </tr>
          ))}
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
