import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useRitmo } from '../../lib/ritmo-context';

/** Users of the site: create, make administrator, disable (site administrators). */
export function UsersSection() {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => client.account.listUsers({ limit: 200 }) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const create = useMutation({ mutationFn: () => client.account.createUser({ username, password }), onSuccess: () => (setUsername(''), setPassword(''), refresh()) });
  const update = useMutation({ mutationFn: (v: { id: string; admin?: boolean; disabled?: boolean }) => client.account.updateUser(v.id, { ...(v.admin === undefined ? {} : { admin: v.admin }), ...(v.disabled === undefined ? {} : { disabled: v.disabled }) }), onSuccess: refresh });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card space-y-3" aria-labelledby="users-h">
      <h2 id="users-h" className="font-semibold">Users</h2>
      {users.isPending ? <Loading /> : users.error ? <ErrorBox error={users.error} /> : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Users</caption>
            <thead className="muted text-xs uppercase">
              <tr><th scope="col" className="py-2">User</th><th scope="col">Administrator</th><th scope="col">Disabled</th></tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-2">{u.username}</td>
                  <td><input type="checkbox" aria-label={`${u.username} is a site administrator`} checked={u.admin} onChange={(e) => update.mutate({ id: u.id, admin: e.target.checked })} /></td>
                  <td><input type="checkbox" aria-label={`${u.username} is disabled`} checked={u.disabled} onChange={(e) => update.mutate({ id: u.id, disabled: e.target.checked })} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Create a user">
        <div>
          <label htmlFor="new-user" className="label">Username</label>
          <input id="new-user" className="input" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div>
          <label htmlFor="new-password" className="label">Password</label>
          <input id="new-password" type="password" className="input" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit" className="btn-primary" disabled={create.isPending}>Create user</button>
      </form>
      {create.error ?? update.error ? <ErrorBox error={create.error ?? update.error} /> : null}
    </section>
  );
}
