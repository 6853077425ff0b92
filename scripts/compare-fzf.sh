#!/usr/bin/env bash
# End-to-end comparison: `bilateral search QUERY --data big.json` against
# `fzf --filter QUERY < big.txt` over the same records, several queries,
# RUNS runs each (alternating the two tools, so a change in machine load
# hits both alike); prints medians and the ratio.
#
#   scripts/compare-fzf.sh                  # 1,000,000 records, 5 runs
#   RECORDS=100000 RUNS=9 scripts/compare-fzf.sh
#   BIN=/tmp/old/bilateral scripts/compare-fzf.sh   # another build, e.g. an earlier one
#
# fzf matches scattered letters and bilateral whole words (with typos), so
# their hits differ; a query found nowhere ("xylophone") compares the cost
# of reading the records.
#
# Two ways to compare, both printed:
# - best 100: `bilateral search Q` (its default, the best 100 hits) against
#   `fzf --filter Q | head -100`;
# - all hits: `bilateral search Q --limit all --format csv` against
#   `fzf --filter Q`, both to /dev/null.
# Needs fzf (apt-get install fzf). Data is generated once, under DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-5}
DIR=${DIR:-target/compare}
QUERIES=("cotton" "visit 1987" "nguyen thach" "nguyne thach" "zacatekas" "pham van dong" "xylophone")

command -v fzf >/dev/null || { echo "fzf not found: apt-get install -y fzf" >&2; exit 2; }
cargo build --release --quiet --features synth --bin bilateral --example synth
BIN=${BIN:-target/release/bilateral}
mkdir -p "$DIR"
JSON="$DIR/synth-$RECORDS.json"
TEXT="$DIR/synth-$RECORDS.txt"
if [[ ! -s "$JSON" || ! -s "$TEXT" ]]; then
  target/release/examples/synth --records "$RECORDS" --seed 1 --out "$JSON" --text "$TEXT"
fi

# Seconds taken by a command, its output discarded; a search that finds
# nothing exits with 1, which is not a failure here.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null || [[ $? == 1 ]]
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "fzf $(fzf --version | cut -d' ' -f1); bilateral $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "data: $RECORDS records; $(du -m "$JSON" | cut -f1) MB JSON, $(du -m "$TEXT" | cut -f1) MB text; $RUNS runs each"
echo
printf '| %-14s | %-9s | %12s | %8s | %6s |\n' query mode "bilateral s" "fzf s" ratio
printf '|%s|%s|%s|%s|%s|\n' ---------------- ----------- -------------- ---------- --------
for q in "${QUERIES[@]}"; do
  for mode in "best 100" "all hits"; do
    b=() f=()
    for ((i = 0; i < RUNS; i++)); do
      if [[ $mode == "best 100" ]]; then
        read -ra words <<<"$q"
        b+=("$(seconds "$BIN" search "${words[@]}" --data "$JSON")")
        f+=("$(seconds sh -c 'fzf --filter "$1" <"$2" | head -100' _ "$q" "$TEXT")")
      else
        read -ra words <<<"$q"
        b+=("$(seconds "$BIN" search "${words[@]}" --data "$JSON" --limit all --format csv)")
        f+=("$(seconds sh -c 'fzf --filter "$1" <"$2"' _ "$q" "$TEXT")")
      fi
    done
    mb=$(printf '%s\n' "${b[@]}" | median)
    mf=$(printf '%s\n' "${f[@]}" | median)
    printf '| %-14s | %-9s | %12.2f | %8.2f | %6.2f |\n' "$q" "$mode" "$mb" "$mf" "$(echo "$mb / $mf" | bc -l)"
  done
done
echo
echo "ratio = bilateral / fzf (below 1: bilateral is faster)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for q in "${QUERIES[@]:0:1}"; do
  read -ra words <<<"$q"
  /usr/bin/time -f "peak memory, bilateral search $q: %M KB" "$BIN" search "${words[@]}" --data "$JSON" >/dev/null || true
  /usr/bin/time -f "peak memory, fzf --filter $q: %M KB" sh -c 'fzf --filter "$1" <"$2" >/dev/null' _ "$q" "$TEXT"
done
