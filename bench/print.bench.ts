/**
 * npm run bench:print — the registration form (报名表) printed through the real engine: per-document
 * font subsets, the pooled Chromium, the PDF cache. One run measures, on one warm browser:
 * uncached renders of distinct forms (each a new version), cached renders, throughput with four
 * requests at a time, and the same template with every non-ASCII character replaced by a Latin
 * letter (the Latin-only baseline). Writes bench/results/print.json.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { documentText } from '../src/printing/fonts/document-text';
import { PrintEngine } from '../src/printing/print-engine';
import type { PrintableDocument } from '../src/printing/rendering/pdf-renderer';
import { sampleRegistrationForm } from '../src/printing/testing/document-fixtures';
import { describeMachine, repositoryRoot } from './support/bench-report';
import { ownCpuMs, processTreeCpuMs } from './support/process-cpu';

const SETTINGS = { warmUp: 5, uncached: 40, cached: 300, throughputDocuments: 48, concurrency: 4 };
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晶晓宇浩凯健俊帆然鑫睿䶮𠮷';
const LATIN = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A different candidate each time, so every render is a new document version and a new subset. */
function form(i: number) {
  const pick = (pool: string, n: number) => [...pool][n % [...pool].length];
  const name = pick(SURNAMES, i * 7) + pick(GIVEN, i * 13) + pick(GIVEN, i * 31 + 5);
  return sampleRegistrationForm({
    enrollmentId: `2027_bench-${i}-${randomBytes(4).toString('hex')}`,
    candidate: { ...sampleRegistrationForm().candidate, name },
  });
}

/** The same document with every non-ASCII character a Latin letter: same template, same layout. */
function latinOnly(document: PrintableDocument, i: number): PrintableDocument {
  const html = document.html.replace(
    /[\u0080-\u{10ffff}]/gu,
    (c) => LATIN[(c.codePointAt(0) as number) % LATIN.length],
  );
  return { version: `latin-${i}-${document.version}`, html };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (n: number) => Math.round(n * 100) / 100;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

/** Node's and Chromium's CPU time: comparable across runs even when the machine is shared. */
async function cpuOf<T>(browserPid: () => Promise<number | undefined>, work: () => Promise<T>): Promise<number> {
  const pid = await browserPid();
  const before = ownCpuMs() + processTreeCpuMs(pid);
  await work();
  return ownCpuMs() + processTreeCpuMs(pid) - before;
}

async function main(): Promise<void> {
  const engine = new PrintEngine(
    {
      chromiumPath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
      templatesDirectory: join(repositoryRoot(), 'templates', 'print'),
      documentKey: randomBytes(32).toString('base64url'),
      publicBaseUrl: 'https://baoming.example.cn',
    },
    { warn: (details, message) => console.warn(message, details) },
  );
  const { composer, renderer } = engine;
  const print = (i: number) => engine.printPdf(form(i));
  let next = 0;
  try {
    const [startMs] = await timed(() => print(next++));
    for (let i = 0; i < SETTINGS.warmUp; i++) await print(next++);

    const uncached: number[] = [];
    const latin: number[] = [];
    const subsets: number[] = [];
    let pdfBytes = 0;
    const browserPid = () => engine.pool.browserPid();
    let cjkCpuMs = 0;
    let latinCpuMs = 0;
    for (let i = 0; i < SETTINGS.uncached; i++) {
      // Interleaved, so both see the same machine load.
      cjkCpuMs += await cpuOf(browserPid, async () => {
        const [ms, pdf] = await timed(() => print(next++));
        uncached.push(ms);
        pdfBytes += pdf.length;
      });
      // The baseline composes its document too (template, QR code), then swaps the text for Latin.
      const latinModel = form(next++);
      latinCpuMs += await cpuOf(browserPid, async () => {
        latin.push((await timed(async () => renderer.render(latinOnly(await composer.compose(latinModel), i))))[0]);
      });
      const document = await composer.compose(latinModel);
      subsets.push((await timed(() => engine.fonts.build(documentText(document.html))))[0]);
    }

    const same = form(next++);
    await engine.printPdf(same);
    const cached: number[] = [];
    for (let i = 0; i < SETTINGS.cached; i++) cached.push((await timed(() => engine.printPdf(same)))[0]);

    const queue = Array.from({ length: SETTINGS.throughputDocuments }, () => next++);
    let wallMs = 0;
    const throughputCpuMs = await cpuOf(browserPid, async () => {
      [wallMs] = await timed(() =>
        Promise.all(
          Array.from({ length: SETTINGS.concurrency }, async () => {
            for (let i = queue.shift(); i !== undefined; i = queue.shift()) await print(i);
          }),
        ),
      );
    });
    const cpuMsPerPdf = throughputCpuMs / SETTINGS.throughputDocuments;

    const uncachedP50Ms = round(percentile(uncached, 50));
    const latinOnlyP50Ms = round(percentile(latin, 50));
    const report = {
      benchmark: 'print',
      date: new Date().toISOString(),
      node: process.version,
      chromium: execFileSync(engine.pool.executablePath ?? 'chromium', ['--version'], { encoding: 'utf8' }).trim(),
      machine: describeMachine(),
      document: '报名表, one A4 page: 9 tables, photo, QR code, regular and bold CJK',
      uncachedP50Ms,
      uncachedP95Ms: round(percentile(uncached, 95)),
      cachedP50Ms: round(percentile(cached, 50)),
      pdfsPerSec: round(SETTINGS.throughputDocuments / (wallMs / 1000)),
      latinOnlyP50Ms,
      cjkOverLatin: round(uncachedP50Ms / latinOnlyP50Ms),
      fontSubsettingP50Ms: round(percentile(subsets, 50)),
      // Wall-clock figures depend on what else the machine runs; CPU time (this process and
      // Chromium's process tree) does not, and bounds what an idle machine could do.
      cpu: {
        cjkMsPerPdf: round(cjkCpuMs / SETTINGS.uncached),
        latinOnlyMsPerPdf: round(latinCpuMs / SETTINGS.uncached),
        cjkOverLatin: round(cjkCpuMs / latinCpuMs),
        msPerPdfAtConcurrency4: round(cpuMsPerPdf),
        pdfsPerSecIfBothCoresWereFree: round((2 * 1000) / cpuMsPerPdf),
      },
      firstRenderMs: round(startMs),
      averagePdfBytes: Math.round(pdfBytes / SETTINGS.uncached),
      settings: { ...SETTINGS, pagesInPool: engine.pool.size },
      targets: { cjkOverLatin: '≤ 1.3', cachedP50Ms: '≤ 5', pdfsPerSec: '≥ 8' },
    };
    const folder = join(repositoryRoot(), 'bench', 'results');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'print.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
