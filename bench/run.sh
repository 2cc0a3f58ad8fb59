#!/usr/bin/env bash
# Times full builds of the benchmark fixtures with Panorama and, when a
# `hugo` binary is on PATH (or in $HUGO), with Hugo on the same content.
# Prints one Markdown table row per run: wall time and peak memory from
# /usr/bin/time -v. Usage: bench/run.sh [WORKDIR]   (default /tmp/panorama-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/panorama-bench}
hugo=${HUGO:-$(command -v hugo || true)}
mkdir -p "$work"
go build -o "$work/panorama" .

measure() { # label command...
  local log="$work/time.log"
  /usr/bin/time -v "${@:2}" >/dev/null 2>"$log"
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
  echo "| $1 | $wall | $rss MiB |"
}

echo "| build | wall (m:ss) | peak memory |"
echo "|---|---|---|"
for size in "41 6" "1000 100" "10000 1000"; do
  set -- $size
  site="$work/panorama-$1"; hsite="$work/hugo-$1"
  [ -d "$site" ] || go run ./bench/fixture/cmd/fixture -projects "$1" -chapters "$2" -out "$site" >/dev/null
  for run in 1 2 3; do
    measure "Panorama, $1 projects + $2 chapters (run $run)" "$work/panorama" build --source "$site" --out "$work/out-$1"
  done
  if [ -n "$hugo" ]; then
    [ -d "$hsite" ] || go run ./bench/fixture/cmd/fixture -projects "$1" -chapters "$2" -hugo -out "$hsite" >/dev/null
    for run in 1 2 3; do
      rm -rf "$work/hugo-out-$1"
      measure "Hugo $("$hugo" version | awk '{print $2}'), $1 projects + $2 chapters (run $run)" "$hugo" --quiet --source "$hsite" --destination "$work/hugo-out-$1"
    done
  fi
done
