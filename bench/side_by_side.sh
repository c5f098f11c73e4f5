#!/bin/bash
# Two builds of lockstep_bench, side by side, interleaved: each round runs every
# benchmark once with each binary in turn, so that a machine whose speed drifts
# (shared hosts do, by tens of percent) slows both alike. Prints, per benchmark,
# the median exploration seconds of each and their ratio (before / now).
#
#   bench/side_by_side.sh ROUNDS BEFORE/bench/lockstep_bench NOW/bench/lockstep_bench \
#     lastzero=15 fib_bench=5 ...
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 ROUNDS BEFORE_BENCH_BINARY NOW_BENCH_BINARY NAME=SIZE..." >&2
  exit 2
fi
rounds=$1 before=$2 now=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$rounds"); do
  for bin in "$before" "$now"; do
    for b in "$@"; do
      # The text table's last line: name verdict executions events ssb seconds ...
      "$bin" --suite --repeat 1 "$b" 2>/dev/null | tail -1 | awk -v bin="$bin" '{print bin, $1, $6}' >>"$out"
    done
  done
done
python3 - "$out" "$before" "$now" <<'PY'
import collections, statistics, sys
path, before, now = sys.argv[1:4]
runs, order = collections.defaultdict(list), []
for line in open(path):
    binary, name, seconds = line.split()
    if name not in order:
        order.append(name)
    runs[(binary, name)].append(float(seconds))
print("| benchmark | before: s (median, range) | now: s (median, range) | ratio |")
print("|---|---|---|---:|")
for name in order:
    x, y = runs[(before, name)], runs[(now, name)]
    mx, my = statistics.median(x), statistics.median(y)
    print(f"| {name} | {mx:.3f} ({min(x):.3f}-{max(x):.3f}) | {my:.3f} ({min(y):.3f}-{max(y):.3f}) | {mx / my:.2f}x |")
PY
