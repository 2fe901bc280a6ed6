// Browser-side callbacks (page.evaluate, $eval) run in Chromium and use DOM types.
// Note: a lib reference applies to the whole type-check program, not only to test/e2e.
/// <reference lib="dom" />
