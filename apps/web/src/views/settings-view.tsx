import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';
import { useMe } from '../lib/use-me';
import { AgentTokensSection } from './settings/agent-tokens-section';
import { TokensSection } from './settings/tokens-section';
import { UsersSection } from './settings/users-section';

/** Your roles and API tokens; for site administrators also users and agent registration tokens. */
export function SettingsView() {
  const me = useMe();
  if (!me.data) return null;
  return (
    <div className="space-y-6">
      <PageHeader title="Settings" subtitle={`${me.data.username}${me.data.admin ? ' · site administrator' : ''}`} />
      <section className="card" aria-labelledby="roles-h">
        <h2 id="roles-h" className="mb-2 font-semibold">Your roles</h2>
        {me.data.memberships.length === 0 ? (
          <p className="muted text-sm">You are not a member of any project{me.data.admin ? ' (as a site administrator you may act in all of them)' : ''}.</p>
        ) : (
          <ul className="text-sm">
            {me.data.memberships.map((m) => (
              <li key={m.projectId}>
                <Link className="link" to={`/projects/${m.projectName}`}>{m.projectName}</Link>: {m.role}
              </li>
            ))}
          </ul>
        )}
        <p className="muted mt-2 text-xs">Roles: viewer reads; developer triggers, cancels and retries; maintainer approves and edits; admin manages members.</p>
      </section>
      <TokensSection />
      {me.data.admin ? <UsersSection /> : null}
      {me.data.admin ? <AgentTokensSection /> : null}
    </div>
  );
}
