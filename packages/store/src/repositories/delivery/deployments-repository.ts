import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../../pagination/page.js';
import type { DeploymentsTable } from '../../schema/delivery-tables.js';
import { conflict } from '../conflict.js';
import { withDbErrors } from '../db-errors.js';
import { fromJson, toJson } from '../json-columns.js';
import { required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';
import { statusGuard } from '../status-guard.js';

export type DeploymentStatus = 'pending' | 'in_progress' | 'success' | 'failure' | 'rolled_back';

export interface DeploymentApproval {
  userId: string;
  username: string;
  at: number;
}

/** One run of a deploy job against an environment: what it deploys, for whom, and how it went. */
export interface Deployment {
  id: string;
  projectId: string;
  environmentId: string;
  artifactId: string | null;
  artifactDigest: string | null;
  buildId: string | null;
  jobId: string | null;
  sha: string | null;
  actor: string | null;
  status: DeploymentStatus;
  reason: string | null;
  rollbackOf: string | null;
  approvals: DeploymentApproval[];
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export type NewDeployment = Pick<Deployment, 'projectId' | 'environmentId' | 'artifactId' | 'artifactDigest' | 'buildId' | 'jobId' | 'sha' | 'actor' | 'status'> &
  Partial<Pick<Deployment, 'reason' | 'rollbackOf' | 'startedAt' | 'finishedAt'>> & { id?: string };

export type DeploymentPatch = Partial<Pick<Deployment, 'status' | 'reason' | 'approvals' | 'actor' | 'startedAt' | 'finishedAt' | 'artifactId' | 'artifactDigest'>>;

export interface DeploymentsRepository {
  getDeployment(id: string): Promise<Deployment>;
  findDeployment(id: string): Promise<Deployment | undefined>;
  /** The newest deployment of a job (a job run again gets a new one). */
  findJobDeployment(jobId: string): Promise<Deployment | undefined>;
  listBuildDeployments(buildId: string): Promise<Deployment[]>;
  /** An environment's history, newest first. */
  listDeployments(environmentId: string, page?: PageRequest): Promise<Page<Deployment>>;
  /** Successful deployments of an environment, the most recently finished first. */
  listSuccessfulDeployments(environmentId: string, limit: number): Promise<Deployment[]>;
  /** Deployments in these statuses, oldest first (the sweeper's work list). */
  listDeploymentsByStatus(statuses: readonly DeploymentStatus[], limit: number): Promise<Deployment[]>;
  createDeployment(input: NewDeployment): Promise<Deployment>;
  /** A guarded update: ERR_STORE_CONFLICT when the deployment is not in one of `ifStatus`. */
  updateDeployment(id: string, patch: DeploymentPatch, guard?: { ifStatus?: readonly DeploymentStatus[] }): Promise<Deployment>;
}

function toDeployment(row: Selectable<DeploymentsTable>): Deployment {
  return {
    id: row.id,
    projectId: row.project_id,
    environmentId: row.environment_id,
    artifactId: row.artifact_id,
    artifactDigest: row.artifact_digest,
    buildId: row.build_id,
    jobId: row.job_id,
    sha: row.sha,
    actor: row.actor,
    status: row.status as DeploymentStatus,
    reason: row.reason,
    rollbackOf: row.rollback_of,
    approvals: fromJson<DeploymentApproval[]>(row.approvals),
    createdAt: Number(row.created_at),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

const newestFirst: Keyset<Deployment> = {
  listing: 'deployments',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (d) => [d.createdAt, d.id],
};

export function createDeploymentsRepository(ctx: RepoContext): DeploymentsRepository {
  const findDeployment = async (id: string): Promise<Deployment | undefined> => {
    const row = await ctx.db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDeployment(row);
  };
  return {
    findDeployment,
    getDeployment: async (id) => required(await findDeployment(id), 'deployment', { id }),

    async findJobDeployment(jobId) {
      const row = await ctx.db.selectFrom('deployments').selectAll().where('job_id', '=', jobId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row && toDeployment(row);
    },

    async listBuildDeployments(buildId) {
      const rows = await ctx.db.selectFrom('deployments').selectAll().where('build_id', '=', buildId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toDeployment);
    },

    listDeployments(environmentId, page) {
      return fetchPage(ctx.db.selectFrom('deployments').selectAll().where('environment_id', '=', environmentId), newestFirst, page, toDeployment);
    },

    async listSuccessfulDeployments(environmentId, limit) {
      const rows = await ctx.db
        .selectFrom('deployments')
        .selectAll()
        .where('environment_id', '=', environmentId)
        .where('status', '=', 'success')
        .orderBy('finished_at', 'desc')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDeployment);
    },

    async listDeploymentsByStatus(statuses, limit) {
      if (statuses.length === 0) return [];
      const rows = await ctx.db.selectFrom('deployments').selectAll().where('status', 'in', statuses).orderBy('created_at').orderBy('id').limit(limit).execute();
      return rows.map(toDeployment);
    },

    async createDeployment(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('deployment', { environmentId: input.environmentId }, () =>
        ctx.db
          .insertInto('deployments')
          .values({
            id: input.id ?? newId('d_', now),
            project_id: input.projectId,
            environment_id: input.environmentId,
            artifact_id: input.artifactId,
            artifact_digest: input.artifactDigest,
            build_id: input.buildId,
            job_id: input.jobId,
            sha: input.sha,
            actor: input.actor,
            status: input.status,
            reason: input.reason ?? null,
            rollback_of: input.rollbackOf ?? null,
            approvals: toJson([]),
            created_at: now,
            started_at: input.startedAt ?? null,
            finished_at: input.finishedAt ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toDeployment(row);
    },

    async updateDeployment(id, patch, guard = {}) {
      const { approvals, startedAt, finishedAt, artifactId, artifactDigest, ...rest } = patch;
      const row = await ctx.db
        .updateTable('deployments')
        .set({
          ...rest,
          ...(approvals === undefined ? {} : { approvals: toJson(approvals) }),
          ...(startedAt === undefined ? {} : { started_at: startedAt }),
          ...(finishedAt === undefined ? {} : { finished_at: finishedAt }),
          ...(artifactId === undefined ? {} : { artifact_id: artifactId }),
          ...(artifactDigest === undefined ? {} : { artifact_digest: artifactDigest }),
        })
        .where('id', '=', id)
        .where(statusGuard(guard.ifStatus))
        .returningAll()
        .executeTakeFirst();
      if (row) return toDeployment(row);
      const current = required(await findDeployment(id), 'deployment', { id });
      throw conflict('deployment', { id }, current.status, guard.ifStatus ?? []);
    },
  };
}
