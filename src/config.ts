/**
 * Node configuration, read once from the environment. Secrets come only from the environment or
 * from files named in it; nothing here has a default password.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  KIZUNA_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  KIZUNA_ADMIN_EMAIL: z.string().email().optional(),
  KIZUNA_ADMIN_PASSWORD: z.string().optional(),
  KIZUNA_ADMIN_PASSWORD_FILE: z.string().optional(),
  KIZUNA_TLS_CERT: z.string().optional(),
  KIZUNA_TLS_KEY: z.string().optional(),
  KIZUNA_PUBLIC_URL: z.string().url().optional(),
  KIZUNA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KIZUNA_NO_DEMO: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  admin?: { email: string; password: string };
  tls?: { cert: Buffer; key: Buffer };
  publicUrl: string;
  logLevel: z.infer<typeof Env>['KIZUNA_LOG_LEVEL'];
  loadDemo: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = Env.parse(env);
  const password =
    e.KIZUNA_ADMIN_PASSWORD ?? (e.KIZUNA_ADMIN_PASSWORD_FILE ? readFileSync(e.KIZUNA_ADMIN_PASSWORD_FILE, 'utf8').trim() : undefined);
  if ((e.KIZUNA_TLS_CERT && !e.KIZUNA_TLS_KEY) || (!e.KIZUNA_TLS_CERT && e.KIZUNA_TLS_KEY)) {
    throw new Error('KIZUNA_TLS_CERT and KIZUNA_TLS_KEY must be set together');
  }
  const tls =
    e.KIZUNA_TLS_CERT && e.KIZUNA_TLS_KEY ? { cert: readFileSync(e.KIZUNA_TLS_CERT), key: readFileSync(e.KIZUNA_TLS_KEY) } : undefined;
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.KIZUNA_DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    admin: e.KIZUNA_ADMIN_EMAIL && password ? { email: e.KIZUNA_ADMIN_EMAIL, password } : undefined,
    tls,
    publicUrl: e.KIZUNA_PUBLIC_URL ?? `${tls ? 'https' : 'http'}://${shownHost === '127.0.0.1' ? 'localhost' : shownHost}:${e.PORT}`,
    logLevel: e.KIZUNA_LOG_LEVEL,
    loadDemo: !e.KIZUNA_NO_DEMO,
  };
}
