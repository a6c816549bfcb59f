// Test-only: users with an API token and a role in one project, for the agent test server.
import { generateToken, hashToken, tokenPrefix } from '../../auth/tokens.js';
import type { AgentTestServer } from '../../agent-api/testing/test-agent-server.js';

export async function createUser(t: AgentTestServer, username: string, projectId: string, role: 'admin' | 'maintainer' | 'developer' | 'viewer'): Promise<{ id: string; token: string }> {
  const user = (await t.store.users.findUserByUsername(username)) ?? (await t.store.users.createUser({ username, isAdmin: false }));
  const token = generateToken('ritmo');
  await t.store.apiTokens.createApiToken({ userId: user.id, name: 'test', prefix: tokenPrefix(token), tokenHash: hashToken(token) });
  await t.store.members.createMember({ projectId, userId: user.id, role });
  return { id: user.id, token };
}
