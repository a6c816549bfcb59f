// Test-only: a local S3-compatible server (s3rver) on loopback with one bucket, in its own temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

export async function startTestS3(bucket = 'ritmo-test'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'ritmo-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    async stop() {
      (server.httpServer as Server).closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
