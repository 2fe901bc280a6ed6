import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { headAnchorFileOf } from '../infrastructure/event-store/tamper/head-anchor';
import { runCli } from './cli-support';

const USAGE = 'Usage: npm run backup -- <empty or new directory>';

/**
 * A consistent copy of a SQLite database while other processes write to it: `VACUUM INTO` reads one
 * snapshot (a read transaction, which in WAL mode blocks no writer) and writes it to a new file. A
 * plain `cp` of the database and its -wal file can catch them at different moments.
 */
function snapshot(file: string, target: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${target} failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/**
 * Backs up the embedded DATA_DIR while the app runs, in an order that keeps the copy consistent:
 * the read models first (their checkpoints then never pass the copied log, so no event is skipped
 * after a restore), the head anchor before the log (it names an event the copy holds), then the
 * event log, then the photos (every photo an event names was written before it) and the generated
 * keys. The PDF cache is left out: it is rebuilt on demand. Exit codes: 0 done, 1 failed, 2 bad usage.
 */
async function main(args: string[]): Promise<number> {
  const targets = args.filter((arg) => !arg.startsWith('--'));
  if (targets.length !== 1 || args.includes('--help')) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  if (config.eventStore.kind !== 'sqlite' || config.readStore.kind !== 'embedded') {
    console.error(
      'npm run backup copies the embedded stores only; back up EventStoreDB and MongoDB with their own backup tools, ' +
        'and DATA_DIR/photos beside them.',
    );
    return 2;
  }
  if (!existsSync(config.eventStore.file)) {
    if (config.dataDir === typedDataDir && !existedAtStart.dir)
      rmSync(config.dataDir, { recursive: true, force: true });
    else if (config.dataDir === typedDataDir && !existedAtStart.secrets)
      rmSync(join(config.dataDir, 'secrets.json'), { force: true });
    console.error(`There is no event log at ${config.eventStore.file}: is DATA_DIR the app's?`);
    return 2;
  }
  const target = resolve(targets[0]);
  if (target === config.dataDir || target.startsWith(`${config.dataDir}/`)) {
    console.error(`The backup directory must lie outside DATA_DIR (${config.dataDir})`);
    return 2;
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    console.error(`${target} is not empty: give a new or empty directory`);
    return 2;
  }
  mkdirSync(target, { recursive: true });
  const started = Date.now();
  const done: string[] = [];
  const readModels = config.readStore.file;
  const events = config.eventStore.file;
  if (existsSync(readModels)) {
    snapshot(readModels, join(target, basename(readModels)));
    done.push(basename(readModels));
  }
  const anchor = headAnchorFileOf(events);
  if (existsSync(anchor)) {
    copyFileSync(anchor, join(target, basename(anchor)));
    done.push(basename(anchor));
  }
  snapshot(events, join(target, basename(events)));
  done.push(basename(events));
  const photos = join(config.dataDir, 'photos');
  if (existsSync(photos)) {
    cpSync(photos, join(target, 'photos'), { recursive: true });
    done.push('photos/');
  }
  const secrets = join(config.dataDir, 'secrets.json');
  if (existsSync(secrets)) {
    copyFileSync(secrets, join(target, 'secrets.json'));
    done.push('secrets.json');
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`Backed up ${config.dataDir} to ${target} in ${seconds} s: ${done.join(', ')}\n`);
  // verify:log opens the log and its anchor for writing: check a copy, so the backup stays as made.
  process.stdout.write(
    `Check a copy of it: cp -r ${target} ${target}-check && DATA_DIR=${target}-check npm run verify:log\n`,
  );
  return 0;
}

// Reading the environment creates DATA_DIR and its development keys when missing: what a mistyped
// DATA_DIR made that way is removed again when it turns out to hold no event log.
const typedDataDir = resolve(process.env.DATA_DIR ?? 'data');
const existedAtStart = {
  dir: existsSync(typedDataDir),
  secrets: existsSync(join(typedDataDir, 'secrets.json')),
};
runCli('Backup', main);
