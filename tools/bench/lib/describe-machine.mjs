import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG } from './postgres.mjs';

function osName() {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return `${m?.[1] ?? 'Linux'}, kernel ${release()}`;
  } catch {
    return `kernel ${release()}`;
  }
}

async function postgresVersion() {
  const client = new pg.Client({ ...PG, database: 'postgres' });
  try {
    await client.connect();
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } catch {
    return 'unavailable';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Cores, memory, OS, Node, PostgreSQL and SQLite versions, for the report. */
export async function describeMachine() {
  const list = cpus();
  const db = new Database(':memory:');
  const sqlite = db.prepare('select sqlite_version() as v').get().v;
  db.close();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: osName(),
    node: process.version,
    postgres: await postgresVersion(),
    sqlite,
    loadStart: loadavg()[0],
  };
}
