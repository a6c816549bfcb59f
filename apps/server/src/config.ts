import { resolve } from 'node:path';
import { z } from 'zod';
import { isRitmoError, RitmoError } from '@ritmo/shared';
import { ArtifactEnv, toArtifactConfig, type ArtifactConfig } from './artifacts/artifact-config.js';
import { durationField } from './env-fields.js';
import { createAllowList } from './outbound/create-allow-list.js';
import { parseSecretKey } from './secrets/parse-secret-key.js';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('')
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Every RITMO_* variable the server reads, parsed once at start-up. */
export const ServerEnv = ArtifactEnv.extend({
  RITMO_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  RITMO_HOST: z.string().min(1).default('127.0.0.1'),
  RITMO_DATA_DIR: z.string().min(1).default('./.ritmo'),
  RITMO_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** 32 bytes as 64 hex characters or base64; encrypts secrets at rest. */
  RITMO_SECRET_KEY: z
    .string()
    .superRefine((text, ctx) => {
      try {
        parseSecretKey(text, 'RITMO_SECRET_KEY');
      } catch (e: unknown) {
        if (!isRitmoError(e)) throw e;
        ctx.addIssue({ code: 'custom', message: 'must be 32 bytes written as 64 hex characters or as base64 (e.g. from `openssl rand -hex 32`)' });
      }
    })
    .optional(),
  RITMO_PUBLIC_URL: z.url().optional(),
  RITMO_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  RITMO_ADMIN_TOKEN: z
    .string()
    .regex(/^ritmo_[A-Za-z0-9_-]{18,200}$/, 'must start with "ritmo_" followed by at least 18 letters, digits, "_" or "-"')
    .optional(),
  RITMO_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Largest request body, in bytes. */
  RITMO_BODY_LIMIT: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  /** Largest webhook delivery body, in bytes (GitHub sends at most 25 MB). */
  RITMO_WEBHOOK_BODY_LIMIT: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  /** Sign-in attempts per client per minute. */
  RITMO_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** API requests per client per minute; 0 turns the limit off. */
  RITMO_RATE_LIMIT: z.coerce.number().int().min(0).default(0),
  RITMO_SESSION_TTL: durationField('7d'),
  /** Seconds given to open requests and streams on shutdown. */
  RITMO_SHUTDOWN_GRACE: durationField('10s'),
  RITMO_TRUST_PROXY: flag,
  /** The built web UI (default: apps/web/dist beside the server's own build). */
  RITMO_WEB_DIR: z.string().min(1).optional(),
  /** npm packages whose default export is a plugin, comma-separated (the built-ins are always there). */
  RITMO_PLUGINS: z.string().optional(),
  /** CIDRs outbound calls (deploy webhooks, forge APIs) may reach although private, comma-separated. */
  RITMO_OUTBOUND_ALLOW: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const cidrs = text.split(',').map((c) => c.trim()).filter((c) => c !== '');
      try {
        createAllowList(cidrs);
      } catch (e: unknown) {
        ctx.addIssue({ code: 'custom', message: isRitmoError(e) ? e.message : 'not a CIDR list' });
        return z.NEVER;
      }
      return cidrs;
    }),
  /** Lets outbound calls reach any private address (a trusted network only). */
  RITMO_OUTBOUND_ALLOW_PRIVATE: flag,
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  publicUrl: string;
  adminPassword: string | undefined;
  adminToken: string | undefined;
  logLevel: z.infer<typeof ServerEnv>['RITMO_LOG_LEVEL'];
  limits: { bodyBytes: number; loginPerMinute: number; requestsPerMinute: number; webhookBodyBytes: number };
  sessionTtlMs: number;
  shutdownGraceMs: number;
  trustProxy: boolean;
  /** Where the built web UI is, when RITMO_WEB_DIR says; otherwise the server looks beside its own build. */
  webDir?: string | undefined;
  /** Artifacts, caches and the blob store. */
  artifacts: ArtifactConfig;
  /** npm packages loaded as plugins besides the built-ins (RITMO_PLUGINS). */
  plugins?: string[];
  /** CIDRs outbound calls may reach although private (RITMO_OUTBOUND_ALLOW; everything with RITMO_OUTBOUND_ALLOW_PRIVATE). */
  outboundAllow?: string[];
}

/** Reads the server's configuration from the environment; throws ERR_SERVER_CONFIG_INVALID naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('RITMO_') && v !== undefined && v !== ''));
  const parsed = ServerEnv.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RitmoError('ERR_SERVER_CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, { details: { problems } });
  }
  const e = parsed.data;
  return {
    port: e.RITMO_PORT,
    host: e.RITMO_HOST,
    dataDir: resolve(e.RITMO_DATA_DIR),
    databaseUrl: e.RITMO_DATABASE_URL,
    secretKey: e.RITMO_SECRET_KEY,
    publicUrl: (e.RITMO_PUBLIC_URL ?? `http://${e.RITMO_HOST}:${e.RITMO_PORT}`).replace(/\/$/, ''),
    adminPassword: e.RITMO_ADMIN_PASSWORD,
    adminToken: e.RITMO_ADMIN_TOKEN,
    logLevel: e.RITMO_LOG_LEVEL,
    limits: { bodyBytes: e.RITMO_BODY_LIMIT, loginPerMinute: e.RITMO_LOGIN_RATE_LIMIT, requestsPerMinute: e.RITMO_RATE_LIMIT, webhookBodyBytes: e.RITMO_WEBHOOK_BODY_LIMIT },
    sessionTtlMs: e.RITMO_SESSION_TTL,
    shutdownGraceMs: e.RITMO_SHUTDOWN_GRACE,
    trustProxy: e.RITMO_TRUST_PROXY,
    webDir: e.RITMO_WEB_DIR === undefined ? undefined : resolve(e.RITMO_WEB_DIR),
    artifacts: toArtifactConfig(e),
    plugins: (e.RITMO_PLUGINS ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''),
    outboundAllow: e.RITMO_OUTBOUND_ALLOW_PRIVATE ? ['0.0.0.0/0', '::/0'] : e.RITMO_OUTBOUND_ALLOW,
  };
}
