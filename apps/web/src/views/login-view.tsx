import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorBox } from '../components/error-box';
import { ThemeToggle } from '../components/theme-toggle';
import { useRitmo } from '../lib/ritmo-context';

/** Sign-in with username and password; the server sets the session cookie. */
export function LoginView() {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => client.account.login({ username, password }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <h1 className="text-2xl font-bold">Sign in to Ritmo</h1>
          <ThemeToggle />
        </div>
        <form onSubmit={submit} className="card space-y-4" aria-label="Sign in">
          <div>
            <label htmlFor="username" className="label">
              Username
            </label>
            <input id="username" className="input" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </div>
          <div>
            <label htmlFor="password" className="label">
              Password
            </label>
            <input id="password" type="password" className="input" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {login.error ? <ErrorBox error={login.error} title="Could not sign in" /> : null}
          <button type="submit" className="btn-primary w-full justify-center" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
