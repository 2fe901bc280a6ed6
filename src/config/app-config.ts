import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { weakAdminPasswordReason } from '../staff-accounts/admin-password-strength';

export type AppEnvironment = 'development' | 'test' | 'production';

/** The environment, parsed and validated once at start (immich's pattern). */
export interface AppConfig {
  env: AppEnvironment;
  host: string;
  port: number;
  /** App processes sharing the port (node:cluster): 1 runs the app in this process. */
  webConcurrency: number;
  dataDir: string;
  /**
   * 'sqlite' (embedded, in dataDir) or an esdb:// / kurrentdb:// connection string.
   * SQLITE_SYNCHRONOUS=full makes every acknowledged SQLite append survive power loss too (normal: kill -9).
   */
  eventStore:
    { kind: 'sqlite'; file: string; synchronous?: 'normal' | 'full' } | { kind: 'esdb'; connectionString: string };
  /** 'embedded' (SQLite file in dataDir) or a mongodb:// connection string. */
  readStore: { kind: 'embedded'; file: string } | { kind: 'mongodb'; uri: string; database: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a command's response waits for read models to catch up (read-your-writes). */
  readYourWritesTimeoutMs: number;
  /** /ready fails when a projection is further behind than this. */
  readyMaxLagMs: number;
  /**
   * Registrations accepted from one client IP per hour (0: no limit). Generous by default: whole
   * hospitals and universities register from behind one NAT address.
   */
  registrationsPerIpPerHour: number;
  /**
   * Refused registrations (identity already registered, username taken) from one IP per hour
   * (0: no limit): the guide's duplicate message tells whether an ID number is registered, so
   * probing numbers is bounded.
   */
  registrationRefusalsPerIpPerHour: number;
  /**
   * argon2 jobs run at once in this process, and how many more requests that hash (logins,
   * registrations, password changes) may be in progress before others are answered 503
   * SERVER_BUSY (PasswordHashQueue).
   */
  passwordHashing: { concurrency: number; maxWaiting: number };
  /** Run the live projections in this process (RUN_PROJECTIONS=false: e.g. the rebuild CLI, API-only processes). */
  runProjections: boolean;
  /**
   * Run them in a worker thread of this process (PROJECTION_THREAD; default true outside tests):
   * applying events then uses a core of its own instead of the request thread's.
   */
  projectionThread: boolean;
  /** Secrets: HMAC keys. Generated and kept in dataDir outside production. */
  secrets: { identityKey: string; sessionKey: string; documentKey: string; auditChainKey: string };
  trustProxy: boolean;
  chromiumPath: string | undefined;
  seedCatalogFile: string;
  /** Folder of the institution directory's seed CSVs (employers: hospitals.csv, schools: schools.csv). */
  directorySeedDir: string;
  /** 证件照 rules: JPEG of exactly this pixel size, at most this many bytes; stored in dataDir/photos. */
  photo: { maxBytes: number; width: number; height: number };
  /** Absolute URL the app is reached at (PUBLIC_BASE_URL): printed documents' QR codes point here. */
  publicBaseUrl: string;
  /** 'svg' (images) or 'test' (a fixed answer, for automated tests; refused in production). */
  captchaMode: 'svg' | 'test';
  /** The first admin account, created at first start (accounts slice); weak passwords refused in production. */
  initialAdmin: { username: string; password: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Collects every problem, so one start shows them all. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name}="${value}" is not allowed; use one of: ${allowed.join(', ')}`);
    return fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name}="${value}" must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(value)) return true;
    if (['0', 'false', 'no'].includes(value)) return false;
    this.problems.push(`${name}="${value}" must be true or false`);
    return fallback;
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const appEnv = read.oneOf(
    'APP_ENV',
    ['development', 'test', 'production'] as const,
    env.NODE_ENV === 'production' ? 'production' : 'development',
  );
  const dataDir = resolve(read.raw('DATA_DIR') ?? './data');

  const eventStoreValue = read.raw('EVENT_STORE') ?? 'sqlite';
  const sqliteSynchronous = read.oneOf('SQLITE_SYNCHRONOUS', ['normal', 'full', 'NORMAL', 'FULL'] as const, 'normal');
  let eventStore: AppConfig['eventStore'] = {
    kind: 'sqlite',
    file: join(dataDir, 'events.sqlite'),
    synchronous: sqliteSynchronous.toLowerCase() as 'normal' | 'full',
  };
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(eventStoreValue)) {
    eventStore = { kind: 'esdb', connectionString: eventStoreValue };
  } else if (eventStoreValue !== 'sqlite') {
    read.problems.push(
      `EVENT_STORE="${eventStoreValue}" must be "sqlite" or an esdb:// (or kurrentdb://) connection string`,
    );
  }

  const readStoreValue = read.raw('READ_STORE') ?? 'embedded';
  let readStore: AppConfig['readStore'] = { kind: 'embedded', file: join(dataDir, 'read-models.sqlite') };
  if (/^mongodb(\+srv)?:\/\//.test(readStoreValue)) {
    readStore = { kind: 'mongodb', uri: readStoreValue, database: read.raw('READ_STORE_DB') ?? 'yikao' };
  } else if (readStoreValue !== 'embedded') {
    read.problems.push(`READ_STORE="${readStoreValue}" must be "embedded" or a mongodb:// connection string`);
  }

  const webConcurrency = read.int('WEB_CONCURRENCY', 1, 1, 64);
  const config: AppConfig = {
    env: appEnv,
    host: read.raw('HOST') ?? '127.0.0.1',
    port: read.int('PORT', 3000, 0, 65535),
    webConcurrency,
    dataDir,
    eventStore,
    readStore,
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      appEnv === 'test' ? 'warn' : 'info',
    ),
    readYourWritesTimeoutMs: read.int('READ_YOUR_WRITES_TIMEOUT_MS', 2000, 0, 60000),
    readyMaxLagMs: read.int('READY_MAX_LAG_MS', 5000, 1, 3600000),
    registrationsPerIpPerHour: read.int('REGISTRATIONS_PER_IP_PER_HOUR', 300, 0, 1_000_000),
    registrationRefusalsPerIpPerHour: read.int('REGISTRATION_REFUSALS_PER_IP_PER_HOUR', 60, 0, 1_000_000),
    passwordHashing: {
      // The cores shared among the app processes; libuv's pool has 4 threads: one is left for files.
      concurrency: read.int(
        'PASSWORD_HASH_CONCURRENCY',
        Math.max(1, Math.min(3, Math.floor(availableParallelism() / webConcurrency))),
        1,
        64,
      ),
      maxWaiting: read.int('PASSWORD_HASH_QUEUE', 200, 0, 100_000),
    },
    runProjections: read.bool('RUN_PROJECTIONS', true),
    projectionThread: read.bool('PROJECTION_THREAD', appEnv !== 'test'),
    secrets: { identityKey: '', sessionKey: '', documentKey: '', auditChainKey: '' },
    trustProxy: read.bool('TRUST_PROXY', false),
    chromiumPath:
      read.raw('PUPPETEER_EXECUTABLE_PATH') ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    seedCatalogFile: resolve(read.raw('SEED_CATALOG_FILE') ?? 'seed/catalog-2027.json'),
    directorySeedDir: resolve(read.raw('DIRECTORY_SEED_DIR') ?? 'seed/directory'),
    photo: {
      maxBytes: read.int('PHOTO_MAX_BYTES', 30720, 1024, 10 * 1024 * 1024),
      width: read.int('PHOTO_WIDTH', 215, 16, 4000),
      height: read.int('PHOTO_HEIGHT', 300, 16, 4000),
    },
    publicBaseUrl: publicBaseUrlOf(read),
    captchaMode: read.oneOf('CAPTCHA_MODE', ['svg', 'test'] as const, 'svg'),
    initialAdmin: undefined,
  };
  if (appEnv === 'production' && config.captchaMode === 'test')
    read.problems.push('CAPTCHA_MODE=test (a fixed captcha answer) is refused when APP_ENV=production');
  const adminUsername = read.raw('ADMIN_USERNAME');
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminUsername && adminPassword) {
    config.initialAdmin = { username: adminUsername, password: adminPassword };
    const weak = appEnv === 'production' ? weakAdminPasswordReason(adminUsername, adminPassword) : null;
    if (weak) read.problems.push(`ADMIN_PASSWORD ${weak}: refused in production; set a strong, unique password`);
  } else if (adminUsername || adminPassword)
    read.problems.push('ADMIN_USERNAME and ADMIN_PASSWORD must be given together');
  const dataDirProblem = dataDirProblemOf(dataDir);
  if (dataDirProblem) read.problems.push(dataDirProblem);
  else {
    try {
      config.secrets = loadSecrets(read, appEnv, dataDir);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      read.problems.push(
        `${join(dataDir, 'secrets.json')} (the generated development keys) could not be read or written: ${reason}`,
      );
    }
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/**
 * DATA_DIR (embedded stores, photos, PDF cache, development secrets) must be a directory this
 * process can write, created when missing: otherwise the start failed later inside SQLite with
 * "unable to open database file", which names no path, or with a stack trace.
 */
function dataDirProblemOf(dataDir: string): string | null {
  try {
    if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) return `DATA_DIR="${dataDir}" is not a directory`;
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return `DATA_DIR="${dataDir}" must be a directory this process can create and write (${code})`;
  }
}

/** PUBLIC_BASE_URL, without a trailing slash; http://HOST:PORT when unset (development). */
function publicBaseUrlOf(read: EnvReader): string {
  const value = read.raw('PUBLIC_BASE_URL');
  if (value === undefined) return `http://${read.raw('HOST') ?? '127.0.0.1'}:${read.raw('PORT') ?? '3000'}`;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value)) {
    read.problems.push(`PUBLIC_BASE_URL="${value}" must be an absolute http(s) URL such as https://baoming.example.cn`);
  }
  return value.replace(/\/+$/, '');
}

const SECRET_VARIABLES = {
  identityKey: 'IDENTITY_HASH_KEY',
  sessionKey: 'SESSION_SECRET',
  documentKey: 'DOCUMENT_SIGNING_KEY',
  /** Tamper evidence: HMAC key of the event hash chain and the signed log digests (audit slice). */
  auditChainKey: 'AUDIT_CHAIN_KEY',
} as const;

/**
 * Production must be given its keys. Elsewhere a key missing from the environment is generated
 * once and kept in dataDir, so identity hashes and sessions stay stable across restarts.
 */
function loadSecrets(read: EnvReader, appEnv: AppEnvironment, dataDir: string): AppConfig['secrets'] {
  const secrets = { identityKey: '', sessionKey: '', documentKey: '', auditChainKey: '' };
  const keyFile = join(dataDir, 'secrets.json');
  let stored: Record<string, string> | undefined;
  for (const [field, variable] of Object.entries(SECRET_VARIABLES) as Array<[keyof typeof secrets, string]>) {
    const value = read.raw(variable);
    if (value !== undefined) {
      if (value.length < 32) read.problems.push(`${variable} must be at least 32 characters`);
      secrets[field] = value;
      continue;
    }
    if (appEnv === 'production') {
      read.problems.push(`${variable} is required in production (at least 32 random characters)`);
      continue;
    }
    if (!stored) {
      mkdirSync(dataDir, { recursive: true });
      stored = existsSync(keyFile) ? (JSON.parse(readFileSync(keyFile, 'utf8')) as Record<string, string>) : {};
    }
    if (!stored[field]) {
      stored[field] = randomBytes(32).toString('base64url');
      writeFileSync(keyFile, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
    secrets[field] = stored[field];
  }
  return secrets;
}

export const APP_CONFIG = Symbol('AppConfig');
