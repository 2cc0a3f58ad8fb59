#!/usr/bin/env bash
# Rebuilds ../assets/vendor/echarts-panorama.min.js from the ECharts and
# esbuild versions pinned in the repository's package-lock.json. Builds of
# sites never run this: the bundle is committed, so they need no network.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm ci --no-audit --no-fund
version=$(node -p 'require("echarts/package.json").version')
out=templates/assets/vendor/echarts-panorama.min.js
node_modules/.bin/esbuild templates/echarts/entry.js --bundle --minify --format=iife \
  --target=es2017 --legal-comments=none \
  --banner:js="/* ECharts $version (Apache-2.0, see LICENSE-echarts.txt and NOTICE-echarts.txt), only the modules Panorama uses; bundled by templates/echarts/build.sh */" \
  --outfile="$out"
cp node_modules/echarts/LICENSE templates/assets/vendor/LICENSE-echarts.txt
cp node_modules/echarts/NOTICE templates/assets/vendor/NOTICE-echarts.txt
ls -l "$out"
gzip -9c "$out" | wc -c | xargs echo "gzip bytes:"
