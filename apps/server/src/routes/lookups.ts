import { RitmoError } from '@ritmo/shared';
import type { Agent, Build, Job, Project, Store, User } from '@ritmo/store';

/** A project by id (`p_…`) or name; ERR_API_PROJECT_NOT_FOUND otherwise. */
export async function findProjectOr404(store: Store, ref: string): Promise<Project> {
  const project = (await store.projects.findProject(ref)) ?? (await store.projects.findProjectByName(ref));
  if (!project) throw new RitmoError('ERR_API_PROJECT_NOT_FOUND', `no project "${ref}"`, { suggestions: ['list projects with GET /api/v1/projects'] });
  return project;
}

export async function findBuildOr404(store: Store, id: string): Promise<Build> {
  const build = await store.builds.findBuild(id);
  if (!build) throw new RitmoError('ERR_API_BUILD_NOT_FOUND', `no build "${id}"`);
  return build;
}

/** A job with the build it belongs to (whose project the policy checks). */
export async function findJobOr404(store: Store, id: string): Promise<{ job: Job; build: Build }> {
  const job = await store.jobs.findJob(id);
  if (!job) throw new RitmoError('ERR_API_JOB_NOT_FOUND', `no job "${id}"`);
  return { job, build: await store.builds.getBuild(job.buildId) };
}

export async function findAgentOr404(store: Store, id: string): Promise<Agent> {
  const agent = await store.agents.findAgent(id);
  if (!agent) throw new RitmoError('ERR_API_AGENT_NOT_FOUND', `no agent "${id}"`);
  return agent;
}

/** A user by id or username. */
export async function findUserOr404(store: Store, ref: string): Promise<User> {
  const user = (await store.users.findUser(ref)) ?? (await store.users.findUserByUsername(ref));
  if (!user) throw new RitmoError('ERR_API_USER_NOT_FOUND', `no user "${ref}"`);
  return user;
}
