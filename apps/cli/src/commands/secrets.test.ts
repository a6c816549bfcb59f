import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliDeps, InputSource } from '../cli-deps.js';
import { runCli } from '../run-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';
import { readPipedValue } from './secrets.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ritmo(argv: string[], options: { env?: Record<string, string>; stdin?: InputSource } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const deps: CliDeps = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'], ...options.env },
    signal: new AbortController().signal,
    ...(options.stdin ? { stdin: options.stdin } : {}),
  };
  const code = await runCli(argv, deps);
  return { code, stdout, stderr };
}

describe('ritmo secrets (against a server process)', () => {
  let server: ServerProcess;
  let auth: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
    const res = await fetch(`${server.url}/api/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'web' }),
    });
    expect(res.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('sets from --value and from standard input, lists names only, and removes', async () => {
    const set = await ritmo(['secrets', 'set', '--project', 'web', 'NPM_TOKEN', '--value', 'npm-token-value', ...auth]);
    expect(set).toMatchObject({ code: 0, stderr: 'created secret NPM_TOKEN in web\n' });
    const piped = await ritmo(['secrets', 'set', '--project', 'web', 'DEPLOY_KEY', ...auth], { stdin: Readable.from(['deploy-', 'key-value\n']) });
    expect(piped).toMatchObject({ code: 0, stderr: 'created secret DEPLOY_KEY in web\n' });
    const again = await ritmo(['secrets', 'set', '--project', 'web', 'NPM_TOKEN', ...auth], { stdin: Readable.from(['other-value']) });
    expect(again.stderr).toBe('updated secret NPM_TOKEN in web\n');

    const table = await ritmo(['secrets', 'list', '--project', 'web', ...auth]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME {8}UPDATED\nDEPLOY_KEY {2}\d{4}-\d\d-\d\dT\S+Z\nNPM_TOKEN {3}\d{4}-/);
    const json = await ritmo(['secrets', 'list', '--project', 'web', '--json', ...auth]);
    const listed = JSON.parse(json.stdout) as { name: string }[];
    expect(listed.map((s) => s.name)).toEqual(['DEPLOY_KEY', 'NPM_TOKEN']);
    expect(json.stdout + table.stdout).not.toMatch(/value/);

    expect(await ritmo(['secrets', 'rm', '--project', 'web', 'NPM_TOKEN', ...auth])).toMatchObject({ code: 0, stderr: 'deleted secret NPM_TOKEN from web\n' });
    const after = await ritmo(['secrets', 'ls', '--project', 'web', '--json', ...auth]);
    expect((JSON.parse(after.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['DEPLOY_KEY']);
  });

  it('takes the server and token from RITMO_SERVER_URL and RITMO_TOKEN', async () => {
    const env = { RITMO_SERVER_URL: server.url, RITMO_TOKEN: server.token };
    expect((await ritmo(['secrets', 'set', '--project', 'web', 'FROM_ENV', '--value', 'env-value'], { env })).code).toBe(0);
    expect((await ritmo(['secrets', 'list', '--project', 'web'], { env })).stdout).toContain('FROM_ENV');
  });

  it('prints the server’s error codes and exits non-zero', async () => {
    const badName = await ritmo(['secrets', 'set', '--project', 'web', 'lower', '--value', 'some-value', ...auth]);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toContain('ritmo: ERR_SECRET_NAME_INVALID:');
    expect(badName.stderr).toContain('hint: use LOWER');
    const short = await ritmo(['secrets', 'set', '--project', 'web', 'SHORT', ...auth], { stdin: Readable.from(['ab\n']) });
    expect(short.stderr).toContain('ERR_SECRET_VALUE_TOO_SHORT');
    const missing = await ritmo(['secrets', 'rm', '--project', 'web', 'NOPE', ...auth]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('ERR_SECRET_NOT_FOUND') });
    const noProject = await ritmo(['secrets', 'list', '--project', 'nope', ...auth]);
    expect(noProject.stderr).toContain('ERR_API_PROJECT_NOT_FOUND');
    const badToken = await ritmo(['secrets', 'list', '--project', 'web', '--server', server.url, '--token', 'ritmo_not_a_real_token_000000']);
    expect(badToken.stderr).toMatch(/ERR_AUTH_INVALID_TOKEN|ERR_AUTH_UNAUTHENTICATED/);
  });

  it('needs a token, a value and a reachable Ritmo server', async () => {
    const noToken = await ritmo(['secrets', 'list', '--project', 'web', '--server', server.url]);
    expect(noToken).toMatchObject({ code: 2, stderr: expect.stringContaining('ERR_CLI_USAGE') });
    const noValue = await ritmo(['secrets', 'set', '--project', 'web', 'X_NAME', ...auth]);
    expect(noValue).toMatchObject({ code: 2, stderr: expect.stringContaining('standard input') });
    const noProject = await ritmo(['secrets', 'list', ...auth]);
    expect(noProject.code).toBe(2);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await ritmo(['secrets', 'list', '--project', 'web', '--server', `http://127.0.0.1:${port}`, '--token', server.token]);
    expect(unreachable).toMatchObject({ code: 1, stderr: expect.stringContaining('ERR_CLI_SERVER_UNREACHABLE') });

    const html: Server = createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>'));
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const proxy = await ritmo(['secrets', 'list', '--project', 'web', '--server', `http://127.0.0.1:${(html.address() as AddressInfo).port}`, '--token', server.token]);
      expect(proxy).toMatchObject({ code: 1, stderr: expect.stringContaining('ERR_CLI_SERVER_RESPONSE') });
    } finally {
      await new Promise<void>((resolve) => html.close(() => resolve()));
    }
  });
});

describe('readPipedValue', () => {
  it('joins the chunks and drops one final line break only', async () => {
    expect(await readPipedValue(Readable.from(['multi\nline', '\n']))).toBe('multi\nline');
    expect(await readPipedValue(Readable.from([Buffer.from('crlf\r\n')]))).toBe('crlf');
    expect(await readPipedValue(Readable.from(['keeps\n\n']))).toBe('keeps\n');
  });

  it('refuses a terminal or no input at all', async () => {
    await expect(readPipedValue(undefined)).rejects.toMatchObject({ code: 'ERR_CLI_USAGE' });
    await expect(readPipedValue(Object.assign(Readable.from([]), { isTTY: true }))).rejects.toMatchObject({ code: 'ERR_CLI_USAGE' });
  });
});
