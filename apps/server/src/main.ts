import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { createSystemClock, isRitmoError, toError } from '@ritmo/shared';
import { createStore } from '@ritmo/store';
import { loadAgentApiConfig } from './agent-api/agent-api-config.js';
import { bootstrapAdmin, type AdminBootstrap } from './auth/bootstrap-admin.js';
import { loadConfig, type ServerConfig } from './config.js';
import { createServer } from './create-server.js';
import { createPostgresHub } from './events/create-postgres-hub.js';

function banner(address: string, config: ServerConfig, admin: AdminBootstrap | undefined): string {
  const lines = [`Ritmo is running at ${address}`];
  if (!config.publicUrl.startsWith(address)) lines.push(`  public URL:  ${config.publicUrl}`);
  if (admin) {
    lines.push(`  admin login: ${admin.username}`);
    lines.push(admin.generatedPassword ? `  password:    ${admin.generatedPassword}   (shown once; change it after signing in)` : '  password:    from RITMO_ADMIN_PASSWORD');
    lines.push(`  API token:   ${admin.token}   (shown once)`);
  }
  return `\n${lines.join('\n')}\n\n`;
}

/** Reads the configuration, opens and migrates the database, creates the first admin, listens; stops on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const agentApi = loadAgentApiConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const clock = createSystemClock();
  mkdirSync(config.dataDir, { recursive: true });
  const store = await createStore(
    config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl, logger, clock } : { sqlitePath: join(config.dataDir, 'ritmo.db'), logger, clock },
  );
  await store.migrate();
  const admin = await bootstrapAdmin({ store, logger, ...(config.adminPassword ? { adminPassword: config.adminPassword } : {}), ...(config.adminToken ? { adminToken: config.adminToken } : {}) });
  if (config.databaseUrl !== undefined && config.secretKey === undefined) {
    logger.warn({ dataDir: config.dataDir }, 'RITMO_SECRET_KEY is not set: secrets are encrypted with this instance’s own key file; set the same RITMO_SECRET_KEY on every server instance');
  }
  // On PostgreSQL several instances may serve one database: live events go through LISTEN/NOTIFY.
  const hub = config.databaseUrl !== undefined ? await createPostgresHub({ databaseUrl: config.databaseUrl, logger }) : undefined;
  const app = createServer({ config, store, logger, clock, agentApi, ...(hub ? { hub } : {}) });
  const address = await app.listen({ port: config.port, host: config.host });
  process.stdout.write(banner(address, config, admin));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({}, 'shutdown grace period over: exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        logger.error({ err: toError(e) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  const error = toError(e);
  process.stderr.write(`ritmo server: ${isRitmoError(error) ? `${error.code} ${error.message}` : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
