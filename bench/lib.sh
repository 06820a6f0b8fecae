# Shared by the bench scripts: timing and finding squawk. Source it; set $work (a scratch
# directory) and $runs (how many timed runs) first.

# Median wall time of $runs runs, and the median peak RSS of three more runs, of one command:
# prints "SECONDS RSS".
measure() {
  local start end
  : > "$work/times"
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { print e - s }' >> "$work/times"
  done
  local best
  best=$(sort -g "$work/times" | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
  local rss="n/a"
  if [ -x /usr/bin/time ]; then
    # xargs waits for each miglint/squawk it starts, so its peak includes theirs.
    : > "$work/rss_runs"
    for _ in 1 2 3; do
      /usr/bin/time -o "$work/rss" -f '%M' "$@" > /dev/null 2>&1 || true
      tail -1 "$work/rss" >> "$work/rss_runs"
    done
    rss="$(sort -n "$work/rss_runs" | sed -n 2p | awk '{ printf "%.1f MiB", $1 / 1024 }')"
  fi
  echo "$best $rss"
}

# squawk's native binary (never the Node.js shim, whose start-up would count as squawk's):
# $SQUAWK, else bench/node_modules/... (`npm install --prefix bench squawk-cli`), else
# /opt/squawk/node_modules/...; prints nothing when there is none.
find_squawk() {
  local root="$1" prefix candidate
  if [ -n "${SQUAWK:-}" ]; then echo "$SQUAWK"; return; fi
  for prefix in "$root/bench" /opt/squawk; do
    candidate="$prefix/node_modules/@squawk-cli/linux-x64/bin/squawk"
    if [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
}

# The median, over $runs rounds, of the wall-time ratio of two commands run back to back in each
# round (A then B): robust to a machine whose speed drifts between rounds, which medians taken
# one command after the other are not. Each command is a string for `bash -c`.
paired_ratio() {
  local a="$1" b="$2" start middle end
  : > "$work/ratios"
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    bash -c "$a" > /dev/null 2>&1 || true
    middle=$(date +%s.%N)
    bash -c "$b" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v s="$start" -v m="$middle" -v e="$end" 'BEGIN { print (m - s) / (e - m) }' >> "$work/ratios"
  done
  sort -g "$work/ratios" | awk '{ r[NR] = $1 } END { print (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'
}
