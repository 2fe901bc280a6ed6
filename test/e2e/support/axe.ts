import { readFileSync } from 'node:fs';
import type { HTTPResponse, Page } from 'puppeteer';
import { currentBaseUrl } from './app-process';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FAILING_IMPACTS = new Set(['serious', 'critical']);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

export class AccessibilityError extends Error {}

/**
 * Runs axe-core (WCAG 2.0–2.2 A/AA and best practices) on the page as it is now and throws,
 * listing each rule and element, when a violation is serious or critical. axe is evaluated
 * through DevTools, so the page's CSP (no inline scripts) stays in force.
 */
export async function checkAccessibility(page: Page): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations;
  })) as AxeViolation[];
  const failing = violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  if (failing.length === 0) return;
  const lines = failing.flatMap((violation) => [
    `${violation.impact}: ${violation.id} — ${violation.help}`,
    ...violation.nodes.map((node) => `    at ${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`),
  ]);
  throw new AccessibilityError(
    `axe found ${failing.length} serious/critical violation(s) on ${page.url()}:\n${lines.join('\n')}`,
  );
}

/** Loads a path of the running app (or a full URL), waits for it to settle, and checks it with axe. */
export async function visit(page: Page, pathOrUrl: string): Promise<HTTPResponse | null> {
  const base = currentBaseUrl();
  if (!pathOrUrl.startsWith('http') && !base) throw new Error('visit(): no app started; call startApp() first');
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${base}${pathOrUrl}`;
  const response = await page.goto(url, { waitUntil: 'networkidle0' });
  await checkAccessibility(page);
  return response;
}
