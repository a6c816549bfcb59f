import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useRitmo } from '../../lib/ritmo-context';

/** Registration tokens agents join with (site administrators). */
export function AgentTokensSection() {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['agent-tokens'], queryFn: () => client.agents.listTokens({ limit: 200 }) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['agent-tokens'] });
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const create = useMutation({
    mutationFn: () => client.agents.createToken({ name, labels: labels.split(',').map((l) => l.trim()).filter(Boolean) }),
    onSuccess: () => (setName(''), setLabels(''), refresh()),
  });
  const revoke = useMutation({ mutationFn: (id: string) => client.agents.revokeToken(id), onSuccess: refresh });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card space-y-3" aria-labelledby="agent-tokens-h">
      <h2 id="agent-tokens-h" className="font-semibold">Agent registration tokens</h2>
      {create.data ? (
        <p role="status" className="rounded-md bg-green-50 p-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100">
          Start an agent with <code className="break-all">ritmo agent --server {window.location.origin} --token {create.data.token}</code> (the token is shown once)
        </p>
      ) : null}
      {tokens.isPending ? <Loading /> : tokens.error ? <ErrorBox error={tokens.error} /> : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {tokens.data.items.filter((t) => !t.revokedAt).map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span><strong>{t.name}</strong> <span className="muted">· {t.uses} agent(s) · labels {t.labels.join(', ') || 'none'}</span></span>
              <button type="button" className="btn" onClick={() => revoke.mutate(t.id)}>Revoke<span className="sr-only"> {t.name}</span></button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Create a registration token">
        <div>
          <label htmlFor="agent-token-name" className="label">Name</label>
          <input id="agent-token-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="agent-token-labels" className="label">Labels (comma-separated)</label>
          <input id="agent-token-labels" className="input" value={labels} onChange={(e) => setLabels(e.target.value)} />
        </div>
        <button type="submit" className="btn-primary" disabled={create.isPending}>Create registration token</button>
      </form>
      {create.error ?? revoke.error ? <ErrorBox error={create.error ?? revoke.error} /> : null}
    </section>
  );
}
