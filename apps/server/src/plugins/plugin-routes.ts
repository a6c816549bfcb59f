import { z } from 'zod';
import { site } from '../auth/actor.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { PluginRegistry } from './create-plugin-registry.js';
import { toPluginDto } from './to-plugin-dto.js';

const PluginConfigFieldDto = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'boolean']),
  description: z.string(),
  required: z.boolean(),
  secret: z.boolean(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
const PluginDto = z.object({ name: z.string(), version: z.string(), kind: z.string(), description: z.string(), source: z.string(), config: z.array(PluginConfigFieldDto) });

/** `GET /api/v1/plugins`: the installed plugins and the settings each reads. */
export function pluginRoutes(deps: { plugins: () => Promise<PluginRegistry> }): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/plugins',
      summary: 'List installed plugins (built-in and from RITMO_PLUGINS) with the schema of their settings',
      tag: 'plugins',
      response: { status: 200, schema: z.object({ items: z.array(PluginDto) }) },
      guard: () => ({ action: 'plugin.read', resource: site, loaded: undefined }),
      handler: async () => ({ items: (await deps.plugins()).list().map(toPluginDto) }),
    }),
  ];
}
