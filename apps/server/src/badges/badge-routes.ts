import { z } from 'zod';
import { RitmoError } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findProjectOr404 } from '../routes/lookups.js';
import { ProjectParams } from '../routes/params.js';
import { badgeIsPublic } from './badge-settings.js';
import { badgeSvg } from './badge-svg.js';
import { latestFinishedStatus } from './latest-finished-status.js';

const BadgeQuery = z.strictObject({ branch: z.string().min(1).max(255).optional(), label: z.string().min(1).max(40).optional() });

/** `GET /api/v1/projects/{project}/badge.svg?branch=`: public when the project allows it, else for its viewers. */
export function badgeRoutes(deps: { store: Store }): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/badge.svg',
      summary: 'An SVG badge with the status of the latest finished build of a branch (default: the default branch)',
      tag: 'projects',
      params: ProjectParams,
      query: BadgeQuery,
      response: { status: 200, contentType: 'image/svg+xml' },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_AUTH_UNAUTHENTICATED'],
      // Public when the project says so; otherwise the caller must be able to read the project.
      guard: 'public',
      handler: async ({ params, query, actor, reply }) => {
        const project = await findProjectOr404(deps.store, params.project);
        if (!badgeIsPublic(project)) {
          if (actor === undefined) throw new RitmoError('ERR_AUTH_UNAUTHENTICATED', `the badge of ${project.name} is not public; sign in or send a bearer token`);
          authorize(actor, 'build.read', projectResource(project.id));
        }
        const status = await latestFinishedStatus(deps.store, project, query.branch ?? project.defaultBranch);
        reply.header('cache-control', 'no-cache, max-age=0');
        reply.type('image/svg+xml');
        return badgeSvg(query.label ?? 'build', status);
      },
    }),
  ];
}
