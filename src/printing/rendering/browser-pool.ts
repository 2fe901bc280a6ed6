import puppeteer, { type Browser, type Page } from 'puppeteer';
import { PdfRenderError } from '../printing.errors';

export interface BrowserPoolOptions {
  executablePath: string | undefined;
  /** Pages rendering at the same time; further renders wait for a free page. */
  pages: number;
  launchTimeoutMs: number;
  /** How long a suspect browser gets to answer before it is killed and replaced. */
  healthCheckTimeoutMs: number;
}

/** Puppeteer adds --headless=new itself (headless: true); the rest keeps Chromium quiet and lean. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * One long-lived Chromium, started on first use, and a bounded pool of reusable pages.
 * A browser that crashes (disconnects) or hangs (a render times out and it does not answer)
 * is replaced; the next render starts a fresh one.
 */
export class BrowserPool {
  private browser?: Promise<Browser>;
  private idle: Page[] = [];
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private closed = false;
  private launches = 0;

  constructor(private readonly options: BrowserPoolOptions) {}

  get executablePath(): string | undefined {
    return this.options.executablePath;
  }

  /** Pages that may render at the same time. */
  get size(): number {
    return this.options.pages;
  }

  /** How many browsers were started (a replacement counts): for health reports and tests. */
  get launchCount(): number {
    return this.launches;
  }

  /** The running browser's process id, if one is running. */
  async browserPid(): Promise<number | undefined> {
    return this.browser ? (await this.browser.catch(() => undefined))?.process()?.pid : undefined;
  }

  async withPage<T>(work: (page: Page) => Promise<T>, timeoutMs: number): Promise<T> {
    if (this.closed) throw new PdfRenderError('browser-unavailable');
    await this.acquireSlot();
    let page: Page | undefined;
    let browser: Browser | undefined;
    let reusable = false;
    try {
      if (this.closed) throw new PdfRenderError('browser-unavailable');
      browser = await this.currentBrowser();
      page = await this.takePage(browser);
      const result = await withTimeout(work(page), timeoutMs);
      reusable = true;
      return result;
    } catch (error) {
      throw await this.explain(error, browser);
    } finally {
      if (page && reusable && !page.isClosed() && browser?.connected) this.idle.push(page);
      else if (page) void page.close().catch(() => undefined);
      this.releaseSlot();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
  }

  private async explain(error: unknown, browser: Browser | undefined): Promise<PdfRenderError> {
    if (error instanceof PdfRenderError) {
      if (error.reason === 'timeout' && browser && !(await this.answers(browser))) this.replace(browser);
      return error;
    }
    if (browser && !browser.connected) return new PdfRenderError('browser-crashed', error);
    if (!browser) return new PdfRenderError('browser-unavailable', error);
    return new PdfRenderError('failed', error);
  }

  /** A browser that cannot say its version within the health-check time is hung. */
  private async answers(browser: Browser): Promise<boolean> {
    if (!browser.connected) return false;
    try {
      await withTimeout(browser.version(), this.options.healthCheckTimeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  private replace(browser: Browser): void {
    this.forget(browser);
    browser.process()?.kill('SIGKILL');
    void browser.close().catch(() => undefined);
  }

  private forget(browser: Browser): void {
    this.idle = this.idle.filter((page) => page.browser() !== browser);
    void this.browser?.then((current) => {
      if (current === browser) this.browser = undefined;
    });
  }

  private currentBrowser(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.launch();
      this.browser = launching;
      launching.catch(() => {
        if (this.browser === launching) this.browser = undefined;
      });
    }
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    this.launches++;
    const browser = await puppeteer.launch({
      executablePath: this.options.executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: this.options.launchTimeoutMs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browser.on('disconnected', () => this.forget(browser));
    if (this.closed) {
      await browser.close();
      throw new PdfRenderError('browser-unavailable');
    }
    return browser;
  }

  private async takePage(browser: Browser): Promise<Page> {
    while (this.idle.length > 0) {
      const page = this.idle.pop() as Page;
      if (!page.isClosed() && page.browser() === browser) return page;
    }
    const page = await browser.newPage();
    // Documents are self-contained: fonts and images are data URLs, nothing is fetched or scripted.
    await page.setJavaScriptEnabled(false);
    return page;
  }

  private async acquireSlot(): Promise<void> {
    if (this.active < this.options.pages) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiter, so the count never exceeds the pool size. */
  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfRenderError('timeout')), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
