import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the benchmarks use (trust authentication). */
export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

const url = (database) => `postgres://${PG.user}@${PG.host}:${PG.port}/${database}`;

async function withAdmin(fn) {
  const client = new pg.Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database `ritmo_bench_<random>` and schedules its drop at clean-up; answers its URL. */
export async function createBenchDatabase(cleanup) {
  const name = `ritmo_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  cleanup.later(() => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  return { name, url: url(name) };
}

/** Round trips of `SELECT 1` on one open connection, in ms each. */
export async function pgRoundTrips(count) {
  const client = new pg.Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      await client.query('SELECT 1');
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL answers at all (the harness says so clearly instead of failing later). */
export async function pgAvailable() {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}
