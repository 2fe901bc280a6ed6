import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';

/** Chromium makes background connections (updates, sync…) that the closed network refuses. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
}

/** Debian's Chromium through puppeteer@24, with a fresh profile removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'yikao-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    userDataDir,
  });
  const chromium = browser.process();
  // Chromium may still be writing its profile when the connection closes: remove it after exit.
  const removeProfile = () => {
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      console.warn(`could not remove ${userDataDir}: ${(error as Error).message}`);
    }
  };
  if (chromium && chromium.exitCode === null) chromium.once('exit', removeProfile);
  else browser.once('disconnected', removeProfile);
  return browser;
}
