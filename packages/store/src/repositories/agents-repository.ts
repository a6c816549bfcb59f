import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { AgentsTable } from '../schema/agent-tables.js';
import type { AgentStatus } from '../statuses.js';
import { withDbErrors } from './db-errors.js';
import { fromFlag, fromJson, normalizeLabels, toFlag, toJson } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

export interface Agent {
  id: string;
  name: string;
  /** Sorted: configured labels plus os, arch and executor. */
  labels: string[];
  capacity: number;
  version: string | null;
  status: AgentStatus;
  /** Claims nothing new; finishes what it runs. */
  draining: boolean;
  /** Runs one job, then exits. */
  ephemeral: boolean;
  tokenHash: string;
  registrationTokenId: string | null;
  createdAt: number;
  lastSeenAt: number | null;
}

export interface NewAgent {
  id?: string;
  name: string;
  labels: readonly string[];
  capacity: number;
  version?: string | null;
  status?: AgentStatus;
  ephemeral?: boolean;
  tokenHash: string;
  registrationTokenId?: string | null;
}

export type AgentPatch = Partial<Pick<Agent, 'name' | 'labels' | 'capacity' | 'version' | 'status' | 'draining' | 'tokenHash' | 'lastSeenAt'>>;

export interface AgentFilter {
  status?: AgentStatus;
}

export interface AgentsRepository {
  getAgent(id: string): Promise<Agent>;
  findAgent(id: string): Promise<Agent | undefined>;
  findAgentByTokenHash(tokenHash: string): Promise<Agent | undefined>;
  listAgents(filter?: AgentFilter, page?: PageRequest): Promise<Page<Agent>>;
  createAgent(input: NewAgent): Promise<Agent>;
  updateAgent(id: string, patch: AgentPatch): Promise<Agent>;
  deleteAgent(id: string): Promise<void>;
}

function toAgent(row: Selectable<AgentsTable>): Agent {
  return {
    id: row.id,
    name: row.name,
    labels: fromJson<string[]>(row.labels),
    capacity: row.capacity,
    version: row.version,
    status: row.status as AgentStatus,
    draining: fromFlag(row.draining),
    ephemeral: fromFlag(row.ephemeral),
    tokenHash: row.token_hash,
    registrationTokenId: row.registration_token_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

const byCreation: Keyset<Agent> = {
  listing: 'agents',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'asc',
  keyType: 'number',
  keyOf: (a) => [a.createdAt, a.id],
};

export function createAgentsRepository(ctx: RepoContext): AgentsRepository {
  const findBy = async (column: 'id' | 'token_hash', value: string): Promise<Agent | undefined> => {
    const row = await ctx.db.selectFrom('agents').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toAgent(row);
  };

  return {
    findAgent: (id) => findBy('id', id),
    getAgent: async (id) => required(await findBy('id', id), 'agent', { id }),
    findAgentByTokenHash: (tokenHash) => findBy('token_hash', tokenHash),

    listAgents(filter = {}, page) {
      let query = ctx.db.selectFrom('agents').selectAll();
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      return fetchPage(query, byCreation, page, toAgent);
    },

    async createAgent(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('agent', { name: input.name }, () =>
        ctx.db
          .insertInto('agents')
          .values({
            id: input.id ?? newId('a_', now),
            name: input.name,
            labels: toJson(normalizeLabels(input.labels)),
            capacity: input.capacity,
            version: input.version ?? null,
            status: input.status ?? 'online',
            draining: 0,
            ephemeral: toFlag(input.ephemeral),
            token_hash: input.tokenHash,
            registration_token_id: input.registrationTokenId ?? null,
            created_at: now,
            last_seen_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toAgent(row);
    },

    async updateAgent(id, patch) {
      const values = {
        name: patch.name,
        labels: patch.labels === undefined ? undefined : toJson(normalizeLabels(patch.labels)),
        capacity: patch.capacity,
        version: patch.version,
        status: patch.status,
        draining: patch.draining === undefined ? undefined : toFlag(patch.draining),
        token_hash: patch.tokenHash,
        last_seen_at: patch.lastSeenAt,
      };
      if (Object.values(values).every((v) => v === undefined)) return required(await findBy('id', id), 'agent', { id });
      const row = await withDbErrors('agent', { id }, () =>
        ctx.db.updateTable('agents').set(values).where('id', '=', id).returningAll().executeTakeFirst(),
      );
      return toAgent(required(row, 'agent', { id }));
    },

    async deleteAgent(id) {
      const result = await ctx.db.deleteFrom('agents').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('agent', { id });
    },
  };
}
