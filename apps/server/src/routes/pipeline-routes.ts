import * as api from '@ritmo/protocol';
import { compilePipeline, type Plan } from '@ritmo/pipeline';
import { projectResource, site } from '../auth/actor.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { loadPipelineText } from '../pipelines/load-pipeline-text.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import type { RouteDeps } from './route-deps.js';

function summarize(plan: Plan | undefined): api.PlanJobSummary[] {
  return (plan?.jobs ?? []).map((j) => ({ id: j.id, name: j.name, stage: j.stage ?? null, needs: j.needs, runsOn: j.runsOn, steps: j.steps.length }));
}

/** Reading a project's pipeline, and checking any pipeline text. */
export function pipelineRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/pipeline',
      summary: 'The project’s pipeline (inline, or from its repository at ?ref=) with its diagnostics and jobs',
      tag: 'pipelines',
      params: ProjectParams,
      query: api.PipelineQuery,
      response: { status: 200, schema: api.PipelineSource },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_API_PIPELINE_NOT_FOUND', 'ERR_API_REPO_UNAVAILABLE'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'pipeline.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, query }) => {
        const source = await loadPipelineText(loaded, { ...(query.ref === undefined ? {} : { ref: query.ref }), signal: deps.shutdown }, deps.mirror);
        const { plan, diagnostics } = compilePipeline(source.text, { file: source.file });
        return { projectId: loaded.id, source: source.source, file: source.file, sha: source.sha, text: source.text, diagnostics, jobs: summarize(plan) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/pipelines/validate',
      summary: 'Compile pipeline YAML and return its diagnostics and jobs (nothing is stored)',
      tag: 'pipelines',
      body: api.ValidatePipelineRequest,
      response: { status: 200, schema: api.ValidatePipelineResponse },
      guard: () => ({ action: 'pipeline.validate', resource: site, loaded: undefined }),
      handler: ({ body }) => {
        const { plan, diagnostics } = compilePipeline(body.pipeline, { file: body.file ?? '.ritmo.yml' });
        return { valid: plan !== undefined, diagnostics, jobs: summarize(plan) };
      },
    }),
  ];
}
