#!/usr/bin/env bash
# Installs what the product and its tests need on a fresh Debian machine:
# Chromium and CJK fonts from Debian (for PDFs and browser tests), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need_apt+=(fonts-noto-cjk)
# Rare characters in names (生僻字) beyond Noto Sans CJK: CJK extensions B–H, printed as a per-glyph fallback.
[ -f /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf ] || need_apt+=(fonts-babelstone-han)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${need_apt[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} (Debian packages); PDFs and browser tests need them" >&2
  fi
fi

# Puppeteer uses the system Chromium (see .puppeteerrc.cjs); it downloads its own only where none exists.
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
