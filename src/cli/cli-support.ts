import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/app-config';
import { AppError } from '../shared/errors';

/** Exit code of the offline commands when the candidate or stream they name does not exist. */
export const EXIT_NOT_FOUND = 3;

/**
 * Boots the application context without live projections (an offline command must not project
 * beside a running app), runs `work`, closes the stores, and turns a NotFound into EXIT_NOT_FOUND.
 */
export async function withAppContext(work: (app: INestApplicationContext) => Promise<number>): Promise<number> {
  process.env.RUN_PROJECTIONS = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } catch (error) {
    if (error instanceof AppError && error.httpStatus === 404) {
      console.error(error.message);
      return EXIT_NOT_FOUND;
    }
    throw error;
  } finally {
    await app.close();
  }
}

/**
 * Runs a command's main with the process arguments and exits with its code (1 on a crash). The
 * environment is checked first, as the app checks it: an invalid one lists its problems and exits 1
 * (the commands need the app's own DATA_DIR, stores and, in production, keys).
 */
export function runCli(label: string, main: (args: string[]) => Promise<number>): void {
  try {
    loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${error.message}\n(${label} reads the same environment as the app.)`);
    process.exit(1);
  }
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

/**
 * The first line of standard input, trimmed: how an ID number reaches a command without landing
 * in the shell's history or in the process list (`ps` shows every argument to every user).
 */
export async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0].trim();
}
