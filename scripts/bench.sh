#!/usr/bin/env bash
# The LIFE benchmark (issue 9; figures in docs/performance.md).
#
#   ./scripts/bench.sh            # REPS=5 whole-process runs per workload
#   REPS=9 W1_REPS=41 ./scripts/bench.sh
#
# Builds release (on Linux with the Swift runtime linked statically, as the
# README builds it), then times the workloads: whole-process wall time and
# peak resident memory of the `life` binary (median of REPS runs; W1_REPS,
# default 21, for workload 1, whose runs take tens of milliseconds), and
# in-process timings from the LifeBench helper (µs per decode step, records
# per second, timeline bytes per second).
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
W1_REPS=${W1_REPS:-21}
RELEASE=(-c release)
[ "$(uname -s)" = Linux ] && RELEASE+=(--static-swift-stdlib)
BIN=$(swift build "${RELEASE[@]}" --show-bin-path)
swift build "${RELEASE[@]}" --product life >&2
swift build "${RELEASE[@]}" --product LifeBench >&2
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

echo "== machine"
echo "nproc: $(nproc)"
grep -m1 "model name" /proc/cpuinfo | sed 's/^model name\s*: /cpu: /' || true
awk '/MemTotal/ {printf "memory: %.1f GiB\n", $2 / 1048576}' /proc/meminfo || true
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reps: $REPS, workload 1: $W1_REPS (median reported)"

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# whole LABEL RECORDS CMD...: REPS runs of CMD; median wall seconds and peak RSS
whole() {
  local label=$1 records=$2
  shift 2
  local times=() rss=()
  for _ in $(seq "$REPS"); do
    # Wall time from the clock (time's %e has 10 ms steps), peak RSS from time.
    local s e
    s=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "%M" -o "$SCRATCH/time" "$@" > "$SCRATCH/out" 2> /dev/null
      read -r m < "$SCRATCH/time"
    else
      "$@" > "$SCRATCH/out" 2> /dev/null
      m=0
    fi
    e=$(date +%s.%N)
    t=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f", e - s }')
    times+=("$t")
    rss+=("$m")
  done
  local tm rm
  tm=$(printf '%s\n' "${times[@]}" | median)
  rm=$(printf '%s\n' "${rss[@]}" | median)
  awk -v l="$label" -v t="$tm" -v r="$records" -v m="$rm" -v all="${times[*]}" 'BEGIN {
    printf "%s: median %.4f s (runs: %s), %d records, %.2f M records/s, peak RSS %.1f MiB\n",
      l, t, all, r, r / t / 1e6, m / 1024 }'
}

FORECAST=("$BIN/life" forecast --model llama-2-7b --device h100-sxm --json)

echo "== workload 1: Llama-2-7B bf16, prompt 4096, forecast --json (whole process)"
R1000=$("$BIN/LifeBench" count 4096 1000)
R2000=$("$BIN/LifeBench" count 4096 2000)
REPS_SAVED=$REPS
REPS=$W1_REPS
whole "w1 1000 steps" "$R1000" "${FORECAST[@]}" --prompt 4096 --generate 1000
whole "w1 2000 steps" "$R2000" "${FORECAST[@]}" --prompt 4096 --generate 2000
REPS=$REPS_SAVED
"$BIN/LifeBench" steps "$REPS"

echo "== workloads 2 and 3: every operator of every step traced / default budget"
if [ -f traces/long-context.json ] && ! "$BIN/life" simulate traces/long-context.json --out "$SCRATCH/sim" 2>&1 | grep -q "not implemented"; then
  for mode in all auto; do
    extra=()
    [ "$mode" = all ] && extra=(--trace-steps all --trace-detail op)
    rm -rf "$SCRATCH/sim" && mkdir -p "$SCRATCH/sim"
    whole "w$([ $mode = all ] && echo 2 || echo 3) simulate ($mode)" "$R2000" \
      "$BIN/life" simulate traces/long-context.json --out "$SCRATCH/sim" "${extra[@]}"
    ls -l "$SCRATCH/sim"
  done
else
  echo "note: 'life simulate traces/long-context.json' is not available on this branch;"
  echo "      timing the same outputs in-process (ForecastPipeline into OutputSet) instead."
  for mode in all auto; do
    dir="$SCRATCH/$mode" && mkdir -p "$dir"
    whole "w$([ $mode = all ] && echo 2 || echo 3) LifeBench timeline $mode (whole process)" "$R2000" \
      "$BIN/LifeBench" timeline "$mode" "$dir"
    cat "$SCRATCH/out"
  done
  echo "resident memory vs steps (timeline all):"
  for g in 500 1000 2000; do
    dir="$SCRATCH/rss$g" && mkdir -p "$dir"
    /usr/bin/time -f "%e %M" -o "$SCRATCH/time" "$BIN/LifeBench" timeline all "$dir" "$g" > /dev/null
    read -r t m < "$SCRATCH/time"
    echo "  generate $g: $t s, peak RSS $((m / 1024)) MiB"
    rm -rf "$dir"
  done
fi

echo "== workload 2p: the every-op trace (4096 prompt + 2000 decode steps) as JSON and as Perfetto protobuf"
TP=/work/shared/tools/perfetto
[ -d "$TP" ] || TP="$(pwd)/../shared/tools/perfetto"
for format in json perfetto; do
  dir="$SCRATCH/fmt-$format" && rm -rf "$dir" && mkdir -p "$dir"
  whole "w2p simulate --trace-format $format" "$R2000" \
    "$BIN/life" simulate traces/long-context.json --out "$dir" --trace-steps all --trace-detail op \
    --trace-format "$format"
  file=$(ls "$dir"/timeline.* | head -1)
  echo "  $(basename "$file"): $(stat -c %s "$file") bytes"
  if command -v node > /dev/null && [ -f "$TP/tp_wasm.js" ] && "$TP/fetch_ui.sh" > /dev/null 2>&1; then
    s=$(date +%s.%N)
    node "$TP/tp_wasm.js" "$file" "select count(*) from slice" > "$SCRATCH/tp.json" 2> /dev/null || true
    e=$(date +%s.%N)
    echo "  trace processor load + one query: $(echo "$e - $s" | bc) s; $(head -c 200 "$SCRATCH/tp.json")"
  else
    echo "  (trace processor not available: load time not measured)"
  fi
  rm -rf "$dir"
done

echo "== workload 4: sweep of 10,000 points (100 TOPS x 100 bandwidth; 2048 prefill + 128 decode)"
PROBE=$("$BIN/life" sweep --model llama-2-7b --device h100-sxm --prompt 16 --generate 1 \
  --vary tops=100 --out "$SCRATCH/probe" 2>&1 || true)
if ! grep -q "not implemented" <<< "$PROBE"; then
  whole "w4 sweep 10,000 points" 0 "$BIN/life" sweep --model llama-2-7b --device h100-sxm \
    --prompt 2048 --generate 128 --vary "tops=1:100:1" --vary "bandwidth=10:1000:10" \
    --out "$SCRATCH/sweep"
else
  echo "note: 'life sweep' is not available on this branch; skipped (see docs/performance.md)."
fi

echo "== workload 5: prompt 131072, 1000 decode steps, summary only"
R5=$("$BIN/LifeBench" count 131072 1000)
whole "w5 131072 + 1000 steps" "$R5" "${FORECAST[@]}" --prompt 131072 --generate 1000
"$BIN/LifeBench" long "$REPS"

echo "== workload 6: life validate on the bundled corpus (zero-shot and calibrated), once"
REPS_SAVED=$REPS
REPS=1
whole "w6 validate bundled corpus" 0 "$BIN/life" validate --json

echo "== workload 7: calibrate 10,000 rows over 25 workloads, and one row of 100,000 decode steps, once"
python3 - "$SCRATCH" <<'PY'
import random, sys
random.seed(1)
d = sys.argv[1]
with open(d + "/cal-big.csv", "w") as f:
    f.write("metric,value,prompt,generate,batch,model,weights,activations\n")
    for i in range(10000):
        p = random.choice([128, 256, 512, 1024, 2048])
        if i % 2 == 0:
            f.write(f"ttft_ms,{p * 0.05 * (1 + random.random() * 0.1):.3f},{p},0,1,llama-3.2-1b,int4,bf16\n")
        else:
            g = random.choice([16, 32, 64, 128])
            f.write(f"tpot_ms,{(4 + p / 2000) * (1 + random.random() * 0.1):.3f},{p},{g},1,llama-3.2-1b,int4,bf16\n")
with open(d + "/cal-long.csv", "w") as f:
    f.write("metric,value,prompt,generate,batch,model,weights,activations\n")
    f.write("ttft_ms,60,512,0,1,llama-3.2-1b,int4,bf16\nttft_ms,120,1024,0,1,llama-3.2-1b,int4,bf16\n")
    f.write("tpot_ms,5,512,100000,1,llama-3.2-1b,int4,bf16\ntpot_ms,4.5,128,1000,1,llama-3.2-1b,int4,bf16\n")
PY
whole "w7 calibrate 10,000 rows" 0 "$BIN/life" calibrate --model llama-3.2-1b --device rtx-4090 \
  --measurements "$SCRATCH/cal-big.csv" --out "$SCRATCH/cal-big.json"
whole "w7 calibrate a 100,000-step row" 0 "$BIN/life" calibrate --model llama-3.2-1b \
  --device rtx-4090 --measurements "$SCRATCH/cal-long.csv" --out "$SCRATCH/cal-long.json"
REPS=$REPS_SAVED
