import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { DAG_PIPELINE, useTestServer } from '../testing/test-server.js';

/** Each bad request gets its status and ERR_ code in the envelope, and changes nothing. */
describe.each(STORE_KINDS)('bad input (%s)', (kind) => {
  const t = useTestServer(kind, { env: { RITMO_BODY_LIMIT: '4096' } });
  let buildId: string;
  let viewer: { token: string };
  let memberOfOther: { token: string };

  const snapshot = async () => ({
    projects: (await t.store.projects.listProjects({}, { limit: 500 })).items.map((p) => `${p.name}:${p.defaultBranch}`).sort(),
    builds: (await t.store.builds.listBuilds({}, { limit: 500 })).items.map((b) => `${b.id}:${b.status}`).sort(),
    users: await t.store.users.countUsers(),
  });

  const expectError = (res: { status: number; json: unknown }, status: number, code: string): void => {
    expect(res.status).toBe(status);
    const envelope = api.ErrorEnvelope.parse(res.json);
    expect(envelope.error).toBe(code);
    expect(Date.parse(envelope.timestamp)).not.toBeNaN();
  };

  beforeAll(async () => {
    await t.call('POST', '/api/v1/projects', { body: { name: 'alpha', pipeline: DAG_PIPELINE } });
    const other = await t.call('POST', '/api/v1/projects', { body: { name: 'beta', pipeline: DAG_PIPELINE } });
    const build = await t.call('POST', '/api/v1/projects/alpha/builds', { body: {} });
    buildId = build.json.id;
    const alpha = await t.store.projects.getProjectByName('alpha');
    viewer = await t.createUser('viewer', { roles: { [alpha.id]: 'viewer' } });
    memberOfOther = await t.createUser('beta-dev', { roles: { [other.json.id]: 'developer' } });
  });

  const cases: [string, () => Promise<{ status: number; json: unknown }>, number, string][] = [
    ['malformed JSON', () => t.call('POST', '/api/v1/projects', { payload: '{"name": "x",' }), 400, 'ERR_API_MALFORMED_JSON'],
    ['a JSON body that is not an object', () => t.call('POST', '/api/v1/projects', { payload: '"web"' }), 400, 'ERR_API_VALIDATION'],
    ['an unknown field', () => t.call('POST', '/api/v1/projects', { body: { name: 'gamma', owner: 'me' } }), 400, 'ERR_API_VALIDATION'],
    ['a wrong type', () => t.call('POST', '/api/v1/projects', { body: { name: 42 } }), 400, 'ERR_API_VALIDATION'],
    ['a missing field', () => t.call('POST', '/api/v1/projects', { body: {} }), 400, 'ERR_API_VALIDATION'],
    ['a wrong type in a patch', () => t.call('PATCH', '/api/v1/projects/alpha', { body: { defaultBranch: ['x'] } }), 400, 'ERR_API_VALIDATION'],
    ['a body over the limit', () => t.call('POST', '/api/v1/projects', { body: { name: 'big', pipeline: 'x'.repeat(10_000) } }), 413, 'ERR_API_BODY_TOO_LARGE'],
    ['a body that is not JSON', () => t.call('POST', '/api/v1/projects', { payload: 'name=x', headers: { 'content-type': 'text/plain' } }), 415, 'ERR_API_UNSUPPORTED_MEDIA_TYPE'],
    ['an invalid build id', () => t.call('GET', '/api/v1/builds/not%20an%20id'), 400, 'ERR_API_INVALID_ID'],
    ['an invalid id in a write', () => t.call('POST', `/api/v1/builds/${'x'.repeat(100)}/cancel`), 400, 'ERR_API_INVALID_ID'],
    ['an unknown build', () => t.call('POST', '/api/v1/builds/b_doesnotexist/cancel'), 404, 'ERR_API_BUILD_NOT_FOUND'],
    ['a tampered cursor', () => t.call('GET', '/api/v1/builds?cursor=eyJub3QiOiJhIGN1cnNvciJ9'), 400, 'ERR_STORE_INVALID_CURSOR'],
    ['a bad query value', () => t.call('GET', '/api/v1/builds?limit=0'), 400, 'ERR_API_VALIDATION'],
    ['an unknown query field', () => t.call('GET', '/api/v1/builds?colour=red'), 400, 'ERR_API_VALIDATION'],
    ['an unknown status filter', () => t.call('GET', '/api/v1/builds?status=done'), 400, 'ERR_API_VALIDATION'],
    ['no credentials', () => t.call('POST', '/api/v1/projects', { token: null, body: { name: 'anon' } }), 401, 'ERR_AUTH_UNAUTHENTICATED'],
    ['no credentials, on a read', () => t.call('GET', `/api/v1/builds/${buildId}`, { token: null }), 401, 'ERR_AUTH_UNAUTHENTICATED'],
    ['a made-up token', () => t.call('GET', '/api/v1/projects', { token: 'ritmo_madeup0000000000000000000000' }), 401, 'ERR_AUTH_INVALID_TOKEN'],
    ['a malformed Authorization header', () => t.call('GET', '/api/v1/projects', { token: null, headers: { authorization: 'Basic abc' } }), 401, 'ERR_AUTH_INVALID_TOKEN'],
    ['a viewer cancelling a build', () => t.call('POST', `/api/v1/builds/${buildId}/cancel`, { token: viewer.token }), 403, 'ERR_AUTH_FORBIDDEN'],
    ['a viewer triggering a build', () => t.call('POST', '/api/v1/projects/alpha/builds', { token: viewer.token, body: {} }), 403, 'ERR_AUTH_FORBIDDEN'],
    ['a member of beta reading alpha', () => t.call('GET', '/api/v1/projects/alpha', { token: memberOfOther.token }), 403, 'ERR_AUTH_FORBIDDEN'],
    ['a member of beta reading an alpha build', () => t.call('GET', `/api/v1/builds/${buildId}`, { token: memberOfOther.token }), 403, 'ERR_AUTH_FORBIDDEN'],
    ['a member of beta listing alpha builds', () => t.call('GET', '/api/v1/builds?project=alpha', { token: memberOfOther.token }), 403, 'ERR_AUTH_FORBIDDEN'],
    ['a non-admin creating a user', () => t.call('POST', '/api/v1/users', { token: viewer.token, body: { username: 'mallory', password: 'password123' } }), 403, 'ERR_AUTH_FORBIDDEN'],
    ['an unknown route', () => t.call('GET', '/api/v1/nothing-here'), 404, 'ERR_API_ROUTE_NOT_FOUND'],
    ['an unknown input', () => t.call('POST', '/api/v1/projects/alpha/builds', { body: { inputs: { targt: 'prod' } } }), 422, 'ERR_PIPELINE_INPUT_UNKNOWN'],
    ['a choice input out of its options', () => t.call('POST', '/api/v1/projects/alpha/builds', { body: { inputs: { target: 'moon' } } }), 422, 'ERR_PIPELINE_INPUT_CHOICE'],
    ['an invalid inline pipeline', () => t.call('POST', '/api/v1/projects/alpha/builds', { body: { pipeline: 'jobs: [' } }), 422, 'ERR_API_PIPELINE_INVALID'],
  ];

  it.each(cases)('rejects %s', async (_name, send, status, code) => {
    const before = await snapshot();
    expectError(await send(), status, code);
    expect(await snapshot()).toEqual(before);
  });

  it('lists the validation issues in details', async () => {
    const res = await t.call('POST', '/api/v1/projects', { body: { name: 'Bad Name', colour: 'red' } });
    const paths = (res.json.details.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['body', 'body.name']);
  });
});
