#!/usr/bin/env node
// Runs every ```sql block of viewers/README.md against a small timeline.json shaped like the one
// `life simulate` writes (request process with prefill / decode step N slices; one process per
// device with operators, dispatch, compute, memory and hand-offs threads; TPOT, KV cache and
// bytes moved counters; a hand-off flow), using Perfetto's own trace processor (the offline
// WebAssembly build in ../shared/tools/perfetto). Fails when a query errors or returns no rows.
//
//   node viewers/test/check-sql.mjs [TIMELINE.json]     (default: a generated sample)
//   TP_WASM=/path/to/tp_wasm.js overrides where the trace processor runner is.
// Exit 0: every query ran and returned rows; 1: a query failed; 2: no trace processor here.
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(resolve(here, '..', 'README.md'), 'utf8');
const queries = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map(m => m[1].trim());
if (!queries.length) { console.error('check-sql.mjs: no ```sql blocks in viewers/README.md'); process.exit(1); }

const candidates = [process.env.TP_WASM, process.env.LIFE_PERFETTO_DIR && resolve(process.env.LIFE_PERFETTO_DIR, 'tp_wasm.js'), resolve(here, '../../../shared/tools/perfetto/tp_wasm.js')].filter(Boolean);
const tp = candidates.find(p => existsSync(p));
if (!tp) { console.error('check-sql.mjs: Perfetto trace processor runner (tp_wasm.js) not found; set TP_WASM'); process.exit(2); }

// A two-device run (prefill on an NPU, decode on an iGPU), 2 layers × 3 operators, 3 decode steps.
function sampleTrace() {
  const ev = [];
  const M = (name, pid, tid, value) => ev.push({ name, ph: 'M', pid, ...(tid ? { tid } : {}), args: { name: value } });
  M('process_name', 1, null, 'request'); M('process_name', 2, null, 'Ryzen AI Max+ 395 NPU (npu)'); M('process_name', 3, null, 'Radeon 8060S (igpu)');
  M('thread_name', 1, 11, 'request');
  for (const pid of [2, 3]) ['operators', 'dispatch', 'compute', 'memory', 'hand-offs'].forEach((n, i) => M('thread_name', pid, pid * 10 + i + 1, n));
  const ops = [['attn.qkv_proj', 'gemm', 3], ['attn.sdpa', 'bmm', 1], ['mlp.down_proj', 'gemm', 4]];
  let t = 0;
  function pass(pid, phase, step, scale) {
    const t0 = t;
    for (let layer = 0; layer < 2; layer++) for (const [name, kind, w] of ops) {
      const disp = 12, comp = w * 100 * scale, mem = w * 60 * scale + (kind === 'bmm' ? 40 : 0), dur = disp + Math.max(comp, mem);
      const args = { kind, phase, step, layer, ops: comp * 1e9, bytes_read: mem * 1e6, compute_us: comp, memory_us: mem, dispatch_us: disp, bound: comp >= mem ? 'compute' : 'memory' };
      ev.push({ name, cat: kind, ph: 'X', ts: t, dur, pid, tid: pid * 10 + 1, args });
      ev.push({ name, cat: kind, ph: 'X', ts: t, dur: disp, pid, tid: pid * 10 + 2 });
      ev.push({ name, cat: kind, ph: 'X', ts: t + disp, dur: comp, pid, tid: pid * 10 + 3 });
      ev.push({ name, cat: kind, ph: 'X', ts: t + disp, dur: mem, pid, tid: pid * 10 + 4 });
      t += dur;
    }
    return t0;
  }
  const p0 = pass(2, 'prefill', 0, 8);
  ev.push({ name: 'bytes moved', ph: 'C', ts: p0, pid: 1, args: { bytes: 2.1e9 } });
  ev.push({ name: 'prefill', cat: 'prefill', ph: 'X', ts: p0, dur: t - p0, pid: 1, tid: 11, args: { ttft_ms: (t - p0) / 1e3, tokens: 1024 } });
  ev.push({ name: 'KV cache', ph: 'C', ts: t, pid: 1, args: { bytes: 1024 * 524288 } });
  for (let step = 1; step <= 3; step++) {
    const s0 = t;
    if (step === 1) { // hand-off npu -> igpu, a synchronisation on shared memory
      const args = { from: 'npu', to: 'igpu', kind: 'synchronisation', bytes: 0, duration_us: 20 };
      ev.push({ name: 'hand-off to igpu', cat: 'handoff', ph: 'X', ts: t, dur: 20, pid: 2, tid: 25, bind_id: 1, flow_out: true, args });
      ev.push({ name: 'hand-off from npu', cat: 'handoff', ph: 'X', ts: t, dur: 20, pid: 3, tid: 35, bind_id: 1, flow_in: true, args });
      t += 20;
    }
    pass(3, 'decode', step, 1);
    ev.push({ name: 'bytes moved', ph: 'C', ts: s0, pid: 1, args: { bytes: 3.6e9 } });
    ev.push({ name: 'TPOT', ph: 'C', ts: s0, pid: 1, args: { ms: (t - s0) / 1e3 } });
    ev.push({ name: `decode step ${step}`, cat: 'decode', ph: 'X', ts: s0, dur: t - s0, pid: 1, tid: 11, args: { step, kv_len: 1024 + step, tpot_ms: (t - s0) / 1e3 } });
    ev.push({ name: 'KV cache', ph: 'C', ts: t, pid: 1, args: { bytes: (1024 + step) * 524288 } });
  }
  return { traceEvents: ev, displayTimeUnit: 'ns' };
}

let trace = process.argv[2], tmp = null;
if (!trace) {
  tmp = mkdtempSync(join(tmpdir(), 'life-sql-'));
  trace = join(tmp, 'timeline.json');
  writeFileSync(trace, JSON.stringify(sampleTrace()));
}
let out;
try {
  out = JSON.parse(execFileSync('node', [tp, trace, ...queries, "select name, value from stats where value > 0 and severity in ('error', 'data_loss')"], { encoding: 'utf8', maxBuffer: 64 << 20 }));
} catch (e) {
  console.error('check-sql.mjs: the trace processor failed: ' + (e.stderr || e.message));
  process.exit(2);
} finally { if (tmp) rmSync(tmp, { recursive: true, force: true }); }

let bad = 0;
if (out.append_error || out.finalize_error) { console.log('FAIL trace import: ' + (out.append_error || out.finalize_error)); bad++; }
out.results.forEach((r, i) => {
  const isStats = i === queries.length;
  const head = isStats ? 'import stats (errors / data loss)' : queries[i].split('\n')[0].slice(0, 90);
  if (r.error) { console.log('FAIL ' + head + '\n     ' + r.error); bad++; return; }
  if (isStats) {
    if (r.rows.length) { console.log('FAIL ' + head + ': ' + JSON.stringify(r.rows)); bad++; } else console.log('ok   ' + head + ': none');
    return;
  }
  if (!r.rows.length) { console.log('FAIL ' + head + ': no rows'); bad++; return; }
  console.log('ok   ' + head + '\n     ' + r.columns.join(' | ') + '\n' + r.rows.slice(0, 4).map(x => '     ' + x.join(' | ')).join('\n'));
});
console.log(bad ? `check-sql.mjs: ${bad} failed` : `check-sql.mjs: all ${queries.length} README queries ran and returned rows`);
process.exit(bad ? 1 : 0);
