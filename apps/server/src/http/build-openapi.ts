import { z } from 'zod';
import { errorCatalog, type ErrorCode } from '@ritmo/shared';
import * as api from '@ritmo/protocol';
import type { RouteSpec } from './route-spec.js';

type JsonSchema = Record<string, unknown>;

/** DTOs shown as named components; everything else is inlined where it is used. */
const components: Record<string, z.ZodType> = {
  ErrorEnvelope: api.ErrorEnvelope,
  Project: api.Project,
  ProjectMember: api.ProjectMember,
  Diagnostic: api.Diagnostic,
  PipelineSource: api.PipelineSource,
  Build: api.Build,
  BuildDetail: api.BuildDetail,
  Job: api.Job,
  Step: api.Step,
  Agent: api.Agent,
  AgentRegistrationToken: api.AgentRegistrationToken,
  User: api.User,
  ApiToken: api.ApiToken,
  AuditEvent: api.AuditEvent,
  LiveEvent: api.LiveEvent,
};

/** Errors any authenticated JSON route can answer with. */
const commonErrors: ErrorCode[] = [
  'ERR_API_VALIDATION',
  'ERR_API_MALFORMED_JSON',
  'ERR_API_BODY_TOO_LARGE',
  'ERR_AUTH_UNAUTHENTICATED',
  'ERR_AUTH_INVALID_TOKEN',
  'ERR_AUTH_FORBIDDEN',
  'ERR_INTERNAL',
];

function createConverter() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const schemas: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { metadata: registry, io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    delete json.$schema;
    for (const [id, def] of Object.entries(defs)) schemas[id] ??= rewriteRefs(def);
    return rewriteRefs(json);
  };
  return { convert, schemas };
}

function rewriteRefs(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}

/** Path, query and header parameters of one route, from its zod object schemas. */
function parameters(spec: RouteSpec, convert: (s: z.ZodType, io: 'input') => JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const json = convert(schema, 'input');
    const props = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: s, ...(s.description ? { description: s.description } : {}) });
    }
  }
  return out;
}

function errorResponses(spec: RouteSpec): Record<string, JsonSchema> {
  const codes = [...(spec.guard === 'public' ? [] : commonErrors), ...(spec.errors ?? []), ...(spec.params ? (['ERR_API_INVALID_ID'] as const) : [])];
  const byStatus = new Map<number, Set<string>>();
  for (const code of codes) {
    const status = errorCatalog[code].status;
    if (!byStatus.has(status)) byStatus.set(status, new Set());
    byStatus.get(status)?.add(code);
  }
  const out: Record<string, JsonSchema> = {};
  for (const [status, set] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: [...set].join(', '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    };
  }
  return out;
}

/** The OpenAPI 3.1 document of every route, generated from the same zod schemas the routes validate with. */
export function buildOpenApi(specs: readonly RouteSpec[], info: { version: string; serverUrl: string }): JsonSchema {
  const { convert, schemas } = createConverter();
  // Converting a component on its own files its definition under components.schemas.
  for (const schema of Object.values(components)) convert(schema, 'output');
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of specs) {
    const { status, schema, contentType, description } = spec.response;
    const success: JsonSchema = { description: description ?? spec.summary };
    if (schema) success.content = { 'application/json': { schema: convert(schema, 'output') } };
    else if (contentType) success.content = { [contentType]: { schema: { type: 'string' } } };
    const operation: JsonSchema = {
      operationId: `${spec.method.toLowerCase()}${spec.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: spec.summary,
      tags: [spec.tag],
      parameters: parameters(spec, convert),
      responses: { [String(status)]: success, ...errorResponses(spec) },
      ...(spec.guard === 'public' ? { security: [] } : {}),
    };
    if (spec.body) operation.requestBody = { required: true, content: { 'application/json': { schema: convert(spec.body, 'input') } } };
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Ritmo API', version: info.version, description: 'REST API of the Ritmo CI/CD server. Errors use the ErrorEnvelope schema.' },
    servers: [{ url: info.serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (`ritmo_…`).' },
        session: { type: 'apiKey', in: 'cookie', name: 'ritmo_session' },
      },
    },
  };
}

