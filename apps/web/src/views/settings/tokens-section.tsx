import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { timeAgo } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';

/** Personal API tokens: create (the secret is shown once), list, revoke. */
export function TokensSection() {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => client.account.listTokens({ limit: 200 }) });
  const [name, setName] = useState('');
  const [expiresIn, setExpiresIn] = useState('90d');
  const create = useMutation({
    mutationFn: () => client.account.createToken({ name, ...(expiresIn ? { expiresIn } : {}) }),
    onSuccess: () => (setName(''), queryClient.invalidateQueries({ queryKey: ['tokens'] })),
  });
  const revoke = useMutation({ mutationFn: (id: string) => client.account.revokeToken(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }) });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card space-y-3" aria-labelledby="tokens-h">
      <h2 id="tokens-h" className="font-semibold">API tokens</h2>
      {create.data ? (
        <p role="status" className="rounded-md bg-green-50 p-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100">
          New token (shown once): <code className="break-all">{create.data.token}</code>
        </p>
      ) : null}
      {tokens.isPending ? <Loading /> : tokens.error ? <ErrorBox error={tokens.error} /> : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {tokens.data.items.filter((t) => !t.revokedAt).map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <strong>{t.name}</strong> <code className="muted">{t.prefix}…</code>
                <span className="muted"> · used {timeAgo(t.lastUsedAt)} · {t.expiresAt ? `expires ${t.expiresAt.slice(0, 10)}` : 'never expires'}</span>
              </span>
              <button type="button" className="btn" onClick={() => revoke.mutate(t.id)}>Revoke<span className="sr-only"> {t.name}</span></button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Create an API token">
        <div>
          <label htmlFor="token-name" className="label">Token name</label>
          <input id="token-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="token-expiry" className="label">Expires in</label>
          <input id="token-expiry" className="input w-28" placeholder="90d" value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)} />
        </div>
        <button type="submit" className="btn-primary" disabled={create.isPending}>Create token</button>
      </form>
      {create.error ?? revoke.error ? <ErrorBox error={create.error ?? revoke.error} /> : null}
    </section>
  );
}
