import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestHttpServer {
  url: string;
  /** Every request received, with its headers. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

/** A loopback HTTP server for the client's tests; `handle` answers each request. */
export async function startTestHttpServer(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<TestHttpServer> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handle(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sseEvent = (id: string | null, event: object & { type: string }): string =>
  `${id === null ? '' : `id: ${id}\n`}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
