// The browser end-to-end harness: start the compiled app, drive Chromium, check every page with axe.
export { startApp, freePort, type RunningApp } from './app-process';
export { ensureBuilt, MAIN_JS, ROOT } from './build';
export { launchBrowser, chromiumPath, CHROMIUM_ARGS } from './browser';
export { visit, checkAccessibility, AccessibilityError } from './axe';
export {
  atPhoneWidth,
  atDesktopWidth,
  tabUntil,
  focusedMatches,
  describeFocused,
  overflowsHorizontally,
} from './keyboard';
