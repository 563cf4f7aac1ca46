#!/usr/bin/env bash
# Prints LIFE's numbers beside the LIFE paper's Tables 4, 5, 7, 8, 9 and 11
# (Llama-2-7B variants), for docs/validation.md. Uses only `life workload
# --json`; the tests in Tests/TraceTests/Paper check the same numbers.
#
# Usage: ./scripts/paper-tables.sh [path to the life binary]
set -euo pipefail
cd "$(dirname "$0")/.."
LIFE="${1:-}"
if [ -z "$LIFE" ]; then
  swift build --product life >/dev/null
  LIFE="$(swift build --show-bin-path)/life"
fi
EAGER="--fusion eager --scores full --logits all --embedding table --kv-update concat"
FUSED="--fusion fused --scores full --logits all --embedding table --kv-update inplace"
variant() {
  case "$1" in
    bf16-bf16) echo "$EAGER --weights bf16 --activations bf16" ;;
    bf16-int4) echo "$EAGER --weights int4 --activations bf16" ;;
    *) echo "$FUSED --weights int4 --activations bf16 --kv int4" ;;
  esac
}
# json FLAGS... | py EXPRESSION: evaluates EXPRESSION with `j` the workload JSON.
py() { python3 -c "import json,sys; j=json.load(sys.stdin); GiB=2**30; print($1)"; }
run() { "$LIFE" workload --model llama-2-7b --json "$@" 2>/dev/null; }

echo "Table 4 (bf16-bf16 prefill): prompt, GEMM %, BMM %, softmax %, TOPs, KV GiB"
for p in 256 1024 2048 4096 8192 16384 32768 65536; do
  run --prompt "$p" $(variant bf16-bf16) | py "'$p', *['%.2f' % (100 * j['prefill']['ops_by_kind'].get(k, 0) / j['prefill']['ops']) for k in ('gemm', 'bmm', 'softmax')], '%.2f' % (j['prefill']['ops'] / 1e12), '%.3f' % (j['prefill']['kv_cache_bytes'] / GiB)"
done
echo "Table 5 (prefill): variant, prompt, TOPs, read GiB, written GiB, KV GiB"
for v in bf16-bf16 bf16-int4 bf16-int4-kv4; do
  for p in 2048 4096; do
    run --prompt "$p" $(variant "$v") | py "'$v', $p, '%.4f' % (j['prefill']['ops'] / 1e12), '%.2f' % (j['prefill']['bytes_read'] / GiB), '%.2f' % (j['prefill']['bytes_written'] / GiB), '%.3f' % (j['prefill']['kv_cache_bytes'] / GiB)"
  done
done
echo "Table 7 (first decode step): variant, prompt, GOPs, read GiB"
for v in bf16-bf16 bf16-int4 bf16-int4-kv4; do
  for p in 32 64 128 256 512 1024 2048; do
    run --prompt "$p" --generate 1 $(variant "$v") | py "'$v', $p, '%.2f' % (j['decode']['steps'][0]['ops'] / 1e9), '%.2f' % (j['decode']['steps'][0]['bytes_read'] / GiB)"
  done
done
echo "Table 8 (decode dispatch calls, int4 eager concat): model, calls"
for m in $("$LIFE" models --json | python3 -c "import json,sys; print(' '.join(x['name'] for x in json.load(sys.stdin)['models']))"); do
  "$LIFE" workload --model "$m" --prompt 16 --generate 1 --weights int4 --fusion eager --kv-update concat --json | py "'$m', j['decode']['steps'][0]['dispatch_calls']"
done
echo "Table 9 (decode read over 2000 steps): prompt, variant, first GiB, last GiB, ratio"
for p in 128 4096; do
  for v in bf16-bf16 bf16-int4 bf16-int4-kv4; do
    run --prompt "$p" --generate 2000 $(variant "$v") | py "$p, '$v', '%.2f' % (j['decode']['steps'][0]['bytes_read'] / GiB), '%.2f' % (j['decode']['steps'][-1]['bytes_read'] / GiB), '%.3f' % (j['decode']['steps'][-1]['bytes_read'] / j['decode']['steps'][0]['bytes_read'])"
  done
done
echo "Table 11 (decode read MiB at prompt 8192, int4): mode, kv, MHA, GQA, MQA, MLA (online), MLA (absorbed)"
for mode in eager fused; do
  for kv in "" int8 int4; do
    [ "$mode" = eager ] && [ -n "$kv" ] && continue
    update=$([ "$mode" = eager ] && echo concat || echo inplace)
    line="$mode ${kv:--}"
    for att in mha gqa:8 mqa mla mla-absorbed; do
      form=online; a=$att
      [ "$att" = mla-absorbed ] && { form=absorbed; a=mla; }
      mib=$(run --prompt 8192 --generate 1 --weights int4 --attention "$a" --mla-form "$form" \
        --fusion "$mode" --kv-update "$update" ${kv:+--kv $kv} | py "'%.0f' % (j['decode']['steps'][0]['bytes_read'] / 2**20)")
      line="$line $mib"
    done
    echo "$line"
  done
done
