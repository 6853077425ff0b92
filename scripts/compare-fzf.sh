#!/usr/bin/env bash
# End-to-end comparison: `bilateral search QUERY --data big.json` against
# `fzf --filter QUERY < big.txt` over the same records, several queries,
# RUNS runs each (alternating the two tools, so a change in machine load
# hits both alike); prints medians of wall-clock and CPU time, and ratios.
#
#   scripts/compare-fzf.sh                  # 1,000,000 records, 5 runs
#   RECORDS=100000 RUNS=9 scripts/compare-fzf.sh
#   BIN=/tmp/old/bilateral scripts/compare-fzf.sh   # another build, e.g. an earlier one
#   QUERIES="cotton xylophone" MODES=best scripts/compare-fzf.sh   # one-word queries, best 100 only
#   OPENING=0 scripts/compare-fzf.sh        # without the table of what opening the file costs
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
# The opening table's "paired" column is the median of each run's ratio to
# the fzf run right after it, steadier when the machine's speed drifts.
# Needs fzf (apt-get install fzf). Data is generated once, under DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-5}
DIR=${DIR:-target/compare}
read -ra QUERIES <<<"${QUERIES:-}"
if ((${#QUERIES[@]} == 0)); then
  QUERIES=("cotton" "visit 1987" "nguyen thach" "nguyne thach" "zacatekas" "pham van dong" "xylophone")
fi
read -ra MODES <<<"${MODES:-best all}"

command -v fzf >/dev/null || { echo "fzf not found: apt-get install -y fzf" >&2; exit 2; }
cargo build --release --quiet --features synth --bin bilateral --example synth --example loadmem
BIN=${BIN:-target/release/bilateral}
mkdir -p "$DIR"
JSON="$DIR/synth-$RECORDS.json"
TEXT="$DIR/synth-$RECORDS.txt"
if [[ ! -s "$JSON" || ! -s "$TEXT" ]]; then
  target/release/examples/synth --records "$RECORDS" --seed 1 --out "$JSON" --text "$TEXT"
fi

# Wall-clock and CPU seconds (user + system, every thread) taken by a
# command, its output discarded; a search that finds nothing exits with 1,
# which is not a failure here (nor is its "no record matches" line,
# discarded with the output). On a machine shared with other work the CPU
# time is the steadier figure.
seconds() {
  local t
  t=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$t" "$@" >/dev/null 2>&1 || [[ $? == 1 ]]
  # The last line: time puts "Command exited with non-zero status" before it.
  tail -n 1 "$t" | awk '{ printf "%s %s\n", $1, $2 + $3 }'
  rm -f "$t"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The median of each bilateral run's time over the fzf run right after it:
# steadier than the ratio of the medians when the machine's speed drifts
# while a row is measured.
paired() {
  paste -d' ' <(printf '%s\n' "${b[@]}" | cut -d' ' -f1) <(printf '%s\n' "${f[@]}" | cut -d' ' -f1) |
    awk '$2 > 0 { printf "%.4f\n", $1 / $2 }' | median
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "fzf $(fzf --version | cut -d' ' -f1); bilateral $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "data: $RECORDS records; $(du -m "$JSON" | cut -f1) MB JSON, $(du -m "$TEXT" | cut -f1) MB text; $RUNS runs each"
echo
printf '| %-14s | %-9s | %11s | %7s | %6s | %10s | %8s | %9s |\n' query mode "bilateral s" "fzf s" ratio "bilat. CPU" "fzf CPU" "CPU ratio"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------------- ----------- ------------- --------- -------- ------------ ---------- -----------
for q in "${QUERIES[@]}"; do
  for m in "${MODES[@]}"; do
    mode="best 100"
    [[ $m == all ]] && mode="all hits"
    b=() f=()
    read -ra words <<<"$q"
    for ((i = 0; i < RUNS; i++)); do
      if [[ $mode == "best 100" ]]; then
        b+=("$(seconds "$BIN" search "${words[@]}" --data "$JSON")")
        f+=("$(seconds sh -c 'fzf --filter "$1" <"$2" | head -100' _ "$q" "$TEXT")")
      else
        b+=("$(seconds "$BIN" search "${words[@]}" --data "$JSON" --limit all --format csv)")
        f+=("$(seconds sh -c 'fzf --filter "$1" <"$2"' _ "$q" "$TEXT")")
      fi
    done
    mb=$(printf '%s\n' "${b[@]}" | cut -d' ' -f1 | median)
    mf=$(printf '%s\n' "${f[@]}" | cut -d' ' -f1 | median)
    cb=$(printf '%s\n' "${b[@]}" | cut -d' ' -f2 | median)
    cf=$(printf '%s\n' "${f[@]}" | cut -d' ' -f2 | median)
    printf '| %-14s | %-9s | %11.2f | %7.2f | %6.2f | %10.2f | %8.2f | %9.2f |\n' "$q" "$mode" \
      "$mb" "$mf" "$(echo "$mb / $mf" | bc -l)" "$cb" "$cf" "$(echo "$cb / $cf" | bc -l)"
  done
done
echo
echo "ratio = bilateral / fzf (below 1: bilateral is faster)"

# Opening the file as the interface does (read, parse, validate, build the
# whole word index: the loadmem example), opening it again with its index
# kept in a cache (read, parse, validate, read the index), and validating
# it alone, against fzf reading the same records to find nothing.
if ((${OPENING:-1})); then
  CACHE=$(mktemp -d)
  trap 'rm -rf "$CACHE"' EXIT
  target/release/examples/loadmem "$JSON" --cache "$CACHE" >/dev/null
  echo
  printf '| %-28s | %7s | %7s | %6s | %6s | %7s | %7s | %9s |\n' "opening $RECORDS records" "s" "fzf s" ratio paired CPU "fzf CPU" "CPU ratio"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------------------------------ --------- --------- -------- -------- --------- --------- -----------
  for what in "load + validate + index" "reopen, index cached" "bilateral validate"; do
    b=() f=()
    for ((i = 0; i < RUNS; i++)); do
      case $what in
        "bilateral validate") b+=("$(seconds "$BIN" validate "$JSON")") ;;
        "reopen, index cached") b+=("$(seconds target/release/examples/loadmem "$JSON" --cache "$CACHE")") ;;
        *) b+=("$(seconds target/release/examples/loadmem "$JSON")") ;;
      esac
      f+=("$(seconds sh -c 'fzf --filter xylophone <"$1"' _ "$TEXT")")
    done
    mb=$(printf '%s\n' "${b[@]}" | cut -d' ' -f1 | median)
    mf=$(printf '%s\n' "${f[@]}" | cut -d' ' -f1 | median)
    cb=$(printf '%s\n' "${b[@]}" | cut -d' ' -f2 | median)
    cf=$(printf '%s\n' "${f[@]}" | cut -d' ' -f2 | median)
    printf '| %-28s | %7.2f | %7.2f | %6.2f | %6.2f | %7.2f | %7.2f | %9.2f |\n' "$what" \
      "$mb" "$mf" "$(echo "$mb / $mf" | bc -l)" "$(paired)" "$cb" "$cf" "$(echo "$cb / $cf" | bc -l)"
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for q in "${QUERIES[@]:0:1}"; do
  read -ra words <<<"$q"
  /usr/bin/time -f "peak memory, bilateral search $q: %M KB" "$BIN" search "${words[@]}" --data "$JSON" >/dev/null || true
  /usr/bin/time -f "peak memory, fzf --filter $q: %M KB" sh -c 'fzf --filter "$1" <"$2" >/dev/null' _ "$q" "$TEXT"
done
