import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { isRitmoApiError } from '@ritmo/client';
import { useRitmo } from '../lib/ritmo-context';
import { useGlobalLive } from '../lib/use-global-live';
import { useMe } from '../lib/use-me';
import { ErrorBox } from './error-box';
import { Loading } from './loading';
import { ThemeToggle } from './theme-toggle';

const nav = [
  { to: '/', label: 'Overview', end: true },
  { to: '/projects', label: 'Projects' },
  { to: '/builds', label: 'Builds' },
  { to: '/agents', label: 'Agents' },
  { to: '/artifacts', label: 'Artifacts' },
  { to: '/deployments', label: 'Deployments' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/plugins', label: 'Plugins' },
  { to: '/settings', label: 'Settings' },
];

const linkClass = ({ isActive }: { isActive: boolean }): string =>
  `block rounded-md px-3 py-2 text-sm font-medium ${isActive ? 'bg-blue-700 text-white dark:bg-blue-600' : 'text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'}`;

/** The signed-in frame: navigation, live connection state, sign-out; anonymous visitors go to /login. */
export function Layout() {
  const me = useMe();
  const client = useRitmo();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const live = useGlobalLive(me.isSuccess);

  if (me.isPending) return <div className="p-6"><Loading /></div>;
  if (me.isError) {
    if (isRitmoApiError(me.error) && me.error.status === 401) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`} replace />;
    return <div className="p-6"><ErrorBox error={me.error} title="Cannot reach the Ritmo server" /></div>;
  }
  const signOut = async (): Promise<void> => {
    await client.account.logout().catch(() => undefined);
    queryClient.clear();
    navigate('/login');
  };
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white md:min-h-screen md:w-56 md:shrink-0 md:border-b-0 md:border-r dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-center justify-between p-3">
          <NavLink to="/" className="text-lg font-bold tracking-tight">
            Ritmo
          </NavLink>
          <button type="button" className="btn md:hidden" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
            Menu
          </button>
        </div>
        <nav id="main-nav" aria-label="Main" className={`${menuOpen ? 'block' : 'hidden'} px-2 pb-3 md:block`}>
          <ul className="space-y-0.5">
            {nav.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end ?? false} className={linkClass} onClick={() => setMenuOpen(false)}>
                  {n.label}
                </NavLink>
              </li>
            ))}
          </ul>
          <div className="mt-4 space-y-2 border-t border-slate-200 px-1 pt-3 text-sm dark:border-slate-800">
            <p className="muted" data-testid="live-state">
              Live updates: {live === 'open' ? 'connected' : live === 'off' ? 'off' : live}
            </p>
            <p>
              Signed in as <strong>{me.data.username}</strong>
            </p>
            <div className="flex gap-2">
              <ThemeToggle />
              <button type="button" className="btn" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-3 sm:p-6">
        <Outlet />
      </main>
    </div>
  );
}
