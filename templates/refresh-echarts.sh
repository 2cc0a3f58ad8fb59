#!/usr/bin/env bash
# Refreshes the vendored ECharts build from the npm registry and checks it
# against the pinned checksum. go-echarts v2.6.7 targets ECharts 5; keep the
# major version at 5. To move to another version, change VERSION and SHA256
# together after checking the new file renders every chart (go test ./...).
set -euo pipefail
VERSION=5.6.0
SHA256=bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$VERSION" >/dev/null && tar xzf "echarts-$VERSION.tgz")
echo "$SHA256  $tmp/package/dist/echarts.min.js" | sha256sum -c -
cp "$tmp/package/dist/echarts.min.js" "$here/assets/vendor/echarts-$VERSION.min.js"
cp "$tmp/package/LICENSE" "$here/assets/vendor/LICENSE-echarts.txt"
if [ -f "$tmp/package/NOTICE" ]; then cp "$tmp/package/NOTICE" "$here/assets/vendor/NOTICE-echarts.txt"; fi
echo "ECharts $VERSION vendored into templates/assets/vendor"
