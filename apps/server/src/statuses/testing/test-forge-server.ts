// Test-only (excluded from the build): a local HTTP server standing in for a forge's API; it records every call.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface TestForge {
  url: string;
  calls: RecordedCall[];
  /** The status the next calls get (default 201). */
  answer(status: number, body?: string): void;
  close(): Promise<void>;
}

export async function startTestForge(): Promise<TestForge> {
  const calls: RecordedCall[] = [];
  let status = 201;
  let reply = '{}';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      calls.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    answer(s, b = '{}') {
      status = s;
      reply = b;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
