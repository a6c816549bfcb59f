// The operators' files in deploy/ stay consistent with what the multi-server test runs and with the
// server's rules: every instance on the same database and RITMO_SECRET_KEY, health checks on /readyz.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT, type Json } from '../support/processes.mjs';
import { HAPROXY_CONFIG } from './start-haproxy.js';

const DEPLOY = join(ROOT, 'deploy');

describe('deploy/ files', () => {
  it('haproxy: checks /readyz, keeps long-polls open, and reads the addresses the compose file and the test set', async () => {
    const cfg = await readFile(HAPROXY_CONFIG, 'utf8');
    expect(cfg).toMatch(/option httpchk GET \/readyz/);
    expect(Number(/timeout server (\d+)s/.exec(cfg)?.[1])).toBeGreaterThan(30);
    for (const name of ['RITMO_LB_BIND', 'RITMO_SERVER_1', 'RITMO_SERVER_2']) expect(cfg).toContain(`"\${${name}}"`);
  });

  it('compose: two servers share the database and the secret key, behind the haproxy config', async () => {
    const path = join(DEPLOY, 'compose', 'compose.yaml');
    const compose = parse(await readFile(path, 'utf8'), { merge: true }) as Json;
    const [one, two] = [compose.services['server-1'], compose.services['server-2']];
    expect(one.environment.RITMO_SECRET_KEY).toMatch(/^\$\{RITMO_SECRET_KEY/);
    expect(two.environment).toEqual(one.environment);
    expect(one.environment.RITMO_DATABASE_URL).toMatch(/^postgres:\/\//);
    const balancer = compose.services.balancer;
    const mounted = resolve(dirname(path), String(balancer.volumes[0]).split(':')[0] ?? '');
    expect(mounted).toBe(HAPROXY_CONFIG);
    expect(existsSync(mounted)).toBe(true);
    expect(Object.keys(balancer.environment).sort()).toEqual(['RITMO_LB_BIND', 'RITMO_SERVER_1', 'RITMO_SERVER_2']);
    expect(compose.services.agent.command).toEqual(expect.arrayContaining(['agent', '--server', 'http://balancer:8080']));
  });

  it('kubernetes: server replicas read one secret for the database and key, and are ready on /readyz', async () => {
    const docs = parseAllDocuments(await readFile(join(DEPLOY, 'kubernetes', 'ritmo.yaml'), 'utf8')).map((d) => d.toJS() as Json).filter(Boolean);
    const server = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'ritmo-server');
    expect(server.spec.replicas).toBeGreaterThan(1);
    const container = server.spec.template.spec.containers[0];
    const fromSecret = (name: string) => container.env.find((e: Json) => e.name === name)?.valueFrom?.secretKeyRef?.name;
    expect([fromSecret('RITMO_DATABASE_URL'), fromSecret('RITMO_SECRET_KEY')]).toEqual(['ritmo', 'ritmo']);
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    const service = docs.find((d) => d.kind === 'Service');
    expect(service.spec.selector).toEqual(server.spec.selector.matchLabels);
    const agent = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'ritmo-agent');
    expect(agent.spec.template.spec.containers[0].args).toEqual(expect.arrayContaining(['agent', '--server']));
  });
});
