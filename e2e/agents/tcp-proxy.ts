// A TCP proxy on loopback between an agent and the server, which a test can cut off and heal: while cut,
// nothing moves in either direction (like a network partition: requests hang, nothing is refused), and
// connections opened meanwhile wait; healing lets everything held go on.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  url: string;
  /** Stops all traffic until `heal`. */
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

/** Copies `from` to `to`, honouring backpressure, without resuming a cut connection. */
function relay(from: Socket, to: Socket, isCut: () => boolean): void {
  from.on('data', (chunk) => {
    if (to.write(chunk)) return;
    from.pause();
    to.once('drain', () => {
      if (!isCut()) from.resume();
    });
  });
  from.on('end', () => to.end());
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let isCut = false;
  const sockets = new Set<Socket>();
  const waiting: Socket[] = [];
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const link = (client: Socket): void => {
    const upstream = connect(target.port, target.host);
    track(upstream);
    relay(client, upstream, () => isCut);
    relay(upstream, client, () => isCut);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.resume();
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    if (isCut) waiting.push(client);
    else link(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      isCut = true;
      for (const socket of sockets) socket.pause();
    },
    heal() {
      isCut = false;
      const held = new Set(waiting.splice(0));
      for (const socket of sockets) if (!held.has(socket)) socket.resume();
      for (const client of held) if (!client.destroyed) link(client);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
