// Puppeteer uses the system Chromium (Debian's /usr/bin/chromium) when there is one:
// its own browser download is unreachable on our build machines. Elsewhere it falls back
// to the download so a developer laptop without Chromium still works.
const fs = require('node:fs');

const systemChromium = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
const haveSystemChromium = fs.existsSync(systemChromium);

module.exports = {
  skipDownload: haveSystemChromium || process.env.PUPPETEER_SKIP_DOWNLOAD === 'true',
  ...(haveSystemChromium ? { executablePath: systemChromium } : {}),
};
