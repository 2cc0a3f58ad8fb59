#!/usr/bin/env bash
# Times full builds of the benchmark fixtures with Panorama and, when a
# `hugo` binary is on PATH (or in $HUGO), with Hugo on the same content.
# Both start from an empty output folder: each run removes the last output
# and syncs the disk before the clock starts. Prints one Markdown table row
# per run: wall time, user and system CPU, peak memory and minor page
# faults from /usr/bin/time -v; then Panorama's time over Hugo's run by run, what each
# wrote (bytes and files), and a warm build's time over a cold one's.
# Usage: [FRESH=1] bench/run.sh [WORKDIR [OUTDIR]]
#   WORKDIR holds the fixtures (default /tmp/panorama-bench); OUTDIR is where
#   the sites are written (default WORKDIR; /dev/shm to leave the disk out).
#   FRESH=1 moves each last output aside instead of removing it (below).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/panorama-bench}
outdir=${2:-$work}
hugo=${HUGO:-$(command -v hugo || true)}
sizes=${SIZES:-"41:6 1000:100 10000:1000"}
mkdir -p "$work" "$outdir"
go build -o "$work/panorama" .
declare -A ratios cold_wall warm_wall

# timed runs a command and prints a table row: its wall time, user and
# system CPU, peak memory, and minor page faults (each a fresh page of
# memory touched; see internal/hugeheap).
timed() { # label command...
  local log="$work/time.log"
  sync
  /usr/bin/time -v "${@:2}" >/dev/null 2>"$log"
  local wall user sys rss faults
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
  faults=$(grep 'Minor (reclaiming a frame) page faults' "$log" | awk '{print $NF}')
  echo "| $1 | $wall | $user | $sys | $rss MiB | $faults |"
  # The run's wall and CPU seconds, for the ratios printed at the end.
  last_wall=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  last_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}

# ratio prints a / b to two places.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# size prints a folder's bytes in MB and its file count.
size() { # folder
  printf '%.1f MB | %d' "$(du -sb "$1" | awk '{print $1 / 1e6}')" "$(find "$1" -type f | wc -l)"
}

# measure times a build from an empty output folder. With FRESH=1 the
# last output is moved aside rather than removed (and removed when the
# script ends): on ext4 a build right after the removal of 12,000 files
# pays for the inode allocator skipping their recently freed inodes,
# which made whichever generator ran first after a removal up to twice
# as slow (see bench/README.md, ninth pass).
trash="$outdir/.bench-trash-$$"
trap 'rm -rf "$trash"' EXIT
measure() { # label output-folder command...
  if [ -n "${FRESH:-}" ] && [ -e "$2" ]; then
    mkdir -p "$trash"
    mv "$2" "$trash/$(date +%s%N)"
  else
    rm -rf "$2"
  fi
  timed "$1" "${@:3}"
}

echo "| build | wall (m:ss) | user s | system s | peak memory | page faults |"
echo "|---|---|---|---|---|---|"
for size in $sizes; do
  p=${size%%:*} c=${size##*:}
  site="$work/panorama-$p"; hsite="$work/hugo-$p"
  [ -d "$site" ] || go run ./bench/fixture/cmd/fixture -projects "$p" -chapters "$c" -out "$site" >/dev/null
  if [ -n "$hugo" ]; then
    [ -d "$hsite" ] || go run ./bench/fixture/cmd/fixture -projects "$p" -chapters "$c" -hugo -out "$hsite" >/dev/null
  fi
  # One build of each first, not measured (as hyperfine's --warmup): the
  # first build after the removals of an earlier run pays for them (see
  # measure), and reads the sources and the program from the disk.
  "$work/panorama" build --no-cache --source "$site" --out "$outdir/out-$p" >/dev/null
  [ -z "$hugo" ] || "$hugo" --quiet --source "$hsite" --destination "$outdir/hugo-out-$p" >/dev/null
  # Runs alternate between the generators so that a noisy moment of the
  # disk does not fall on one of them only.
  for run in 1 2 3; do
    measure "Panorama, $p + $c (run $run)" "$outdir/out-$p" "$work/panorama" build --no-cache --source "$site" --out "$outdir/out-$p"
    cold_wall[$p]+=" $last_wall"; pw=$last_wall pc=$last_cpu
    measure "Panorama --no-zip, $p + $c (run $run)" "$outdir/out-$p" "$work/panorama" build --no-cache --no-zip --source "$site" --out "$outdir/out-$p"
    if [ -n "$hugo" ]; then
      measure "Hugo $("$hugo" version | awk '{print $2}'), $p + $c (run $run)" "$outdir/hugo-out-$p" "$hugo" --quiet --source "$hsite" --destination "$outdir/hugo-out-$p"
      ratios[$p]+="| $p + $c, run $run | $(ratio "$pw" "$last_wall") | $(ratio "$pc" "$last_cpu") |"$'\n'
    fi
  done
done

# Panorama against Hugo, run by run (every output on), and what each wrote
# (Panorama's last build is --no-zip, so the zip is not counted).
if [ -n "$hugo" ]; then
  echo
  echo "| paired run | wall, Panorama / Hugo | CPU, Panorama / Hugo |"
  echo "|---|---|---|"
  for size in $sizes; do printf '%s' "${ratios[${size%%:*}]}"; done
  echo
  echo "| output | Panorama (no zip) | files | Hugo | files |"
  echo "|---|---|---|---|---|"
  for size in $sizes; do
    p=${size%%:*}
    echo "| $p + ${size##*:} | $(size "$outdir/out-$p") | $(size "$outdir/hugo-out-$p") |"
  done
fi

# Warm builds: build with the cache (timed: a default first build), edit
# one project's text (then its summary), build again; the cold build above
# is the one to compare with.
echo
echo "| warm build after one edit | wall (m:ss) | user s | system s | peak memory | page faults |"
echo "|---|---|---|---|---|---|"
for size in $sizes; do
  p=${size%%:*} c=${size##*:}
  site="$work/warm-source-$p" out="$outdir/warm-$p"
  rm -rf "$site" "$out" "$(dirname "$out")/.$(basename "$out").cache"
  cp -a "$work/panorama-$p" "$site"
  # The first build with the cache on (the default) makes everything, as
  # a cold one does, and also writes the cache.
  timed "Panorama first build, writing the cache, $p + $c" "$work/panorama" build --source "$site" --out "$out"
  file="$site/content/projects/p-00000.md"
  for run in 1 2 3; do
    printf '\nEdited for the warm benchmark, run %s.\n' "$run" >>"$file"
    timed "Panorama warm, $p + $c, text edited (run $run)" "$work/panorama" build --source "$site" --out "$out"
    warm_wall[$p]+=" $last_wall"
    sed -i "s/^summary: \"/summary: \"Edited $run. /" "$file"
    timed "Panorama warm, $p + $c, summary edited (run $run)" "$work/panorama" build --source "$site" --out "$out"
  done
done

# Warm against cold: the medians of the text edits' and the cold builds'
# wall times.
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo
echo "| warm / cold | text edit, median | cold, median | ratio |"
echo "|---|---|---|---|"
for size in $sizes; do
  p=${size%%:*}
  w=$(echo "${warm_wall[$p]}" | median) cw=$(echo "${cold_wall[$p]}" | median)
  echo "| $p + ${size##*:} | $w s | $cw s | $(ratio "$w" "$cw") |"
done
