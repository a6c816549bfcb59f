import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

export interface TestReceiver {
  url: string;
  calls: ReceivedCall[];
  /** The status later calls get. */
  answer(status: number): void;
  close(): Promise<void>;
}

/** A local HTTP server that records every request with its raw body and answers with a set status. */
export async function startTestReceiver(): Promise<TestReceiver> {
  const calls: ReceivedCall[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status;
      res.end(status >= 400 ? 'refused' : '');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    answer: (s) => {
      status = s;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
