import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Project } from '@ritmo/client';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { NotAvailable } from '../../components/not-available';
import { timeAgo } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';
import { useFeatures } from '../../lib/use-features';

/** Secret names and times; values can be set or replaced, never read back. */
export function ProjectSecretsTab({ project }: { project: Project }) {
  const client = useRitmo();
  const features = useFeatures();
  const queryClient = useQueryClient();
  const key = ['secrets', project.id];
  const secrets = useQuery({ queryKey: key, queryFn: ({ signal }) => client.secrets.list(project.name, { limit: 200 }, signal), enabled: features.has('secrets') });
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const put = useMutation({ mutationFn: () => client.secrets.put(project.name, name, value), onSuccess: () => (setName(''), setValue(''), queryClient.invalidateQueries({ queryKey: key })) });
  const remove = useMutation({ mutationFn: (n: string) => client.secrets.remove(project.name, n), onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
  if (features.loading) return <Loading />;
  if (!features.has('secrets')) return <NotAvailable feature="Project secrets" />;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    put.mutate();
  };
  return (
    <div className="card space-y-4">
      <p className="muted text-sm">Values are write-only: they are encrypted on the server, given to jobs that reference them, and masked in logs.</p>
      {secrets.isPending ? <Loading /> : secrets.error ? <ErrorBox error={secrets.error} /> : secrets.data.items.length === 0 ? <p className="muted text-sm">No secrets.</p> : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {secrets.data.items.map((s) => (
            <li key={s.name} className="flex items-center justify-between py-2 text-sm">
              <span><code>{s.name}</code> <span className="muted">updated {timeAgo(s.updatedAt)}</span></span>
              <button type="button" className="btn" onClick={() => remove.mutate(s.name)}>Delete<span className="sr-only"> {s.name}</span></button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto] sm:items-end" aria-label="Set a secret">
        <div>
          <label htmlFor="secret-name" className="label">Name</label>
          <input id="secret-name" className="input font-mono" required pattern="[A-Z_][A-Z0-9_]*" title="upper-case letters, digits and _" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="secret-value" className="label">Value</label>
          <input id="secret-value" type="password" className="input" required autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
        <button type="submit" className="btn-primary" disabled={put.isPending}>Save secret</button>
      </form>
      {put.error ?? remove.error ? <ErrorBox error={put.error ?? remove.error} /> : null}
    </div>
  );
}
