import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Project, Role } from '@ritmo/client';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useRitmo } from '../../lib/ritmo-context';

const roles: Role[] = ['viewer', 'developer', 'maintainer', 'admin'];

/** Who may do what in the project. */
export function ProjectMembersTab({ project }: { project: Project }) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const key = ['members', project.id];
  const members = useQuery({ queryKey: key, queryFn: () => client.projects.listMembers(project.name, { limit: 200 }) });
  const [user, setUser] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({ mutationFn: () => client.projects.addMember(project.name, { user, role }), onSuccess: () => (setUser(''), refresh()) });
  const change = useMutation({ mutationFn: (v: { user: string; role: Role }) => client.projects.setMemberRole(project.name, v.user, v.role), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (u: string) => client.projects.removeMember(project.name, u), onSuccess: refresh });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <div className="card space-y-4">
      {members.isPending ? <Loading /> : members.error ? <ErrorBox error={members.error} /> : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members of {project.name}</caption>
          <thead className="muted text-xs uppercase">
            <tr><th scope="col" className="py-2">User</th><th scope="col">Role</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {members.data.items.map((m) => (
              <tr key={m.userId} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">{m.username}</td>
                <td>
                  <label className="sr-only" htmlFor={`role-${m.userId}`}>Role of {m.username}</label>
                  <select id={`role-${m.userId}`} className="input w-36" value={m.role} onChange={(e) => change.mutate({ user: m.userId, role: e.target.value as Role })}>
                    {roles.map((r) => <option key={r}>{r}</option>)}
                  </select>
                </td>
                <td className="text-right">
                  <button type="button" className="btn" onClick={() => remove.mutate(m.userId)}>Remove<span className="sr-only"> {m.username}</span></button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {change.error ?? remove.error ? <ErrorBox error={change.error ?? remove.error} /> : null}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Add a member">
        <div>
          <label htmlFor="member-user" className="label">Username</label>
          <input id="member-user" className="input" required value={user} onChange={(e) => setUser(e.target.value)} />
        </div>
        <div>
          <label htmlFor="member-role" className="label">Role</label>
          <select id="member-role" className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => <option key={r}>{r}</option>)}
          </select>
        </div>
        <button type="submit" className="btn-primary" disabled={add.isPending}>Add member</button>
      </form>
      {add.error ? <ErrorBox error={add.error} title="Could not add the member" /> : null}
    </div>
  );
}
