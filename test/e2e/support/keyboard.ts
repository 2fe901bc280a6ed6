import type { Page } from 'puppeteer';

/** Phone width (375×812, touch, mobile viewport meta honoured). */
export async function atPhoneWidth(page: Page): Promise<void> {
  await page.setViewport({ width: 375, height: 812, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

export async function atDesktopWidth(page: Page): Promise<void> {
  await page.setViewport({ width: 1280, height: 800 });
}

/** Whether the focused element matches a CSS selector. */
export function focusedMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => document.activeElement?.matches(css) ?? false, selector);
}

/** A short description of the focused element, for failure messages. */
export function describeFocused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '(nothing)';
    const text = (el.textContent ?? '').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}>${text}`;
  });
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element matches `selector`;
 * throws naming the elements passed when it is not reached within `maxPresses`.
 */
export async function tabUntil(page: Page, selector: string, maxPresses = 40, backwards = false): Promise<number> {
  const passed: string[] = [];
  for (let presses = 1; presses <= maxPresses; presses++) {
    if (backwards) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (backwards) await page.keyboard.up('Shift');
    if (await focusedMatches(page, selector)) return presses;
    passed.push(await describeFocused(page));
  }
  throw new Error(
    `"${selector}" not focused after ${maxPresses} Tab presses; focus went through:\n  ${passed.join('\n  ')}`,
  );
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
