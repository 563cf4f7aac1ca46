// Writes the two fixture summaries the viewer test loads:
//   fixtures/llama-2-7b-bf16-rtx4090.summary.json   (bf16, everything on one GPU)
//   fixtures/llama-2-7b-int4-ryzen-hybrid.summary.json (int4 weights, prefill on the NPU, decode on the iGPU)
// The numbers follow an analytical model of Llama-2-7B (32 layers, hidden 4096, 32 heads, MLP 11008,
// vocab 32000) and the keys follow ../../shared CONTRACT.md (`life forecast --json` + scenario + tool_version),
// so that every identity the contract states holds: e2e = ttft + sum(tpot), tps = G / sum(tpot), ...
// Run: node viewers/test/gen-fixtures.mjs   (deterministic; the output is committed)
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const L = 32, H = 4096, NH = 32, KVH = 32, HD = 128, FF = 11008, V = 32000;
const linearParams = L * (4 * H * H + 3 * H * FF);       // q k v o gate up down
const headParams = H * V;                                  // LM head
const params = linearParams + headParams + V * H + L * 2 * H + H;
const kvPerToken = 2 * L * KVH * HD * 2;                   // K and V, bf16: 524288 B

function round(x, d = 6) { const p = 10 ** d; return Math.round(x * p) / p; }

// Ops and bytes of one pass over `n` new tokens attending to `past` earlier keys.
function pass(n, past, wBytesPerWeight, quant) {
  const ops = {}, bytes = {};
  const add = (k, o, b) => { ops[k] = (ops[k] || 0) + o; bytes[k] = (bytes[k] || 0) + b; };
  // attention score elements (causal): sum over new tokens of their key count
  const scores = NH * (n * past + n * (n + 1) / 2);
  add('embedding', 0, n * H * 2 + n * 4);
  add('gemm', 2 * n * linearParams + 2 * 1 * headParams,
    (linearParams + headParams) * wBytesPerWeight + L * n * (4 * H + 3 * FF) * 2 * 2 + V * 4);
  if (quant) add('dequantize', 2 * (linearParams + headParams), (linearParams + headParams) / 128 * 2.5);
  add('bmm', L * 2 * 2 * HD * scores, L * (n * H * 2 * 2 + (past + n) * kvPerToken / L));
  add('softmax', L * 5 * scores, L * n * NH * 8);
  add('norm', (2 * L + 1) * n * H * 4, (2 * L + 1) * (n * H * 2 * 2 + H * 2));
  add('rope', L * 2 * n * H * 3, L * 2 * n * H * 2 * 2);
  add('activation', L * n * FF * 5, L * n * FF * 2 * 2);
  add('elementwise', L * n * (FF + 2 * H), L * n * (FF * 3 + 2 * H * 3) * 2);
  add('kv_cache', 0, L * n * kvPerToken / L * 2);
  for (const k of Object.keys(ops)) { ops[k] = Math.round(ops[k]); bytes[k] = Math.round(bytes[k]); }
  const total = o => Object.values(o).reduce((a, b) => a + b, 0);
  const written = n * kvPerToken + L * n * H * 2 * 6;
  return { ops, bytes, opsTotal: total(ops), bytesTotal: total(bytes), written };
}

function build(cfg) {
  const { prompt, generate } = cfg;
  const dev = k => cfg.devices[k];
  const pre = pass(prompt, 0, cfg.wBytes, cfg.quant);
  const pdev = dev(cfg.mapping.prefill);
  const tile = pdev.tile || 0;
  const padded = tile ? Math.ceil(prompt / tile) * tile : prompt;
  const prePadded = pass(padded, 0, cfg.wBytes, cfg.quant).opsTotal;
  const ec = cfg.prefillComputeEff, em = pdev.efficiency.memory;
  const tc = prePadded / (ec * pdev.peak_tops.bf16 * 1e12) * 1e3;
  const tm = (pre.bytesTotal + pre.written) / (em * pdev.bandwidth_gb_s * 1e9) * 1e3;
  const dispatchPre = L * cfg.dispatchPerLayer + 4;
  const tdPre = dispatchPre * pdev.dispatch_us / 1e3;
  const ttft = round(Math.max(tc, tm) * 1.04 + tdPre);
  const ddev = dev(cfg.mapping.decode);
  const steps = [], tpot = [], perStep = [];
  const decOps = {}, decBytes = {};
  const handoff = cfg.mapping.prefill === cfg.mapping.decode ? 0 : cfg.handoffMs;
  for (let i = 1; i <= generate; i++) {
    const kvLen = prompt + i;
    const p = pass(1, kvLen - 1, cfg.wBytes, cfg.quant);
    for (const k in p.ops) { decOps[k] = (decOps[k] || 0) + p.ops[k]; decBytes[k] = (decBytes[k] || 0) + p.bytes[k]; }
    const dtc = p.opsTotal / (ddev.efficiency.compute * ddev.peak_tops.bf16 * 1e12) * 1e3;
    const dtm = (p.bytesTotal + p.written) / (ddev.efficiency.memory * ddev.bandwidth_gb_s * 1e9) * 1e3;
    const calls = L * cfg.dispatchPerLayer + 3;
    const td = calls * ddev.dispatch_us / 1e3;
    const t = round(Math.max(dtc, dtm) * 1.02 + td + (i === 1 ? handoff : 0));
    tpot.push(t); perStep.push(calls);
    steps.push({
      step: i, kv_len: kvLen, ops: p.opsTotal, ops_padded: p.opsTotal,
      bytes_read: p.bytesTotal, bytes_written: p.written, kv_bytes_read: kvLen * kvPerToken,
      dispatch_calls: calls, tpot_ms: t, t_compute_ms: round(dtc), t_memory_ms: round(dtm),
      t_dispatch_ms: round(td), bound: dtc >= dtm ? 'compute' : 'memory', device: cfg.mapping.decode,
    });
  }
  const sum = tpot.reduce((a, b) => a + b, 0);
  const weightsBytes = Math.round((linearParams + headParams) * cfg.wBytes + V * H * 2 + (L * 2 * H + H) * 2);
  const kvPeak = (prompt + generate) * kvPerToken;
  const actPeak = prompt * (FF * 2 * 2 + H * 2 * 4) + NH * prompt * 128 * 4;
  const fits = {};
  for (const k of Object.keys(cfg.devices)) fits[k] = weightsBytes + kvPeak + actPeak <= cfg.devices[k].memory_gib * 2 ** 30;
  return {
    schema_version: 1,
    tool_version: '0.1.0',
    scenario: cfg.scenario,
    model: {
      name: 'llama-2-7b', family: 'llama', layers: L, hidden_size: H, heads: NH, kv_heads: KVH,
      head_dim: HD, intermediate_size: FF, vocab_size: V, parameters: params,
    },
    options: {
      prompt, generate, batch: 1, weights: cfg.weights, activations: 'bf16', kv: 'bf16', fusion: 'fused',
      'kv-update': 'inplace', logits: 'last', scores: 'causal', embedding: 'rows', attention: 'auto',
      nonlinear: 'exact', 'lora-rank': null, 'lora-merge': null, chunk: null, tile: tile || null,
    },
    devices: cfg.devices,
    mapping: cfg.mapping,
    overlap: 'op',
    ttft_ms: ttft,
    tpot_ms: tpot,
    tpot_ms_mean: round(sum / generate),
    tps: round(generate / (sum / 1e3)),
    tps_total: round(generate / (sum / 1e3)),
    e2e_ms: ttft + sum,
    prefill: {
      tokens: prompt, ops: pre.opsTotal, ops_padded: prePadded, ops_by_kind: pre.ops,
      bytes_read: pre.bytesTotal, bytes_written: pre.written, bytes_by_kind: pre.bytes,
      kv_cache_bytes: prompt * kvPerToken, dispatch_calls: dispatchPre,
      t_compute_ms: round(tc), t_memory_ms: round(tm), t_dispatch_ms: round(tdPre),
      bound: tc >= tm ? 'compute' : 'memory', device: cfg.mapping.prefill,
    },
    decode: { steps, ops_by_kind: decOps, bytes_by_kind: decBytes },
    dispatch_calls: { prefill: dispatchPre, decode_per_step: perStep },
    footprint: { weights_bytes: weightsBytes, kv_cache_bytes_peak: kvPeak, activations_bytes_peak: actPeak, fits },
    warnings: cfg.warnings,
  };
}

const rtx4090 = {
  name: 'NVIDIA GeForce RTX 4090', kind: 'gpu', peak_tops: { bf16: 165.2, fp16: 165.2, int8: 660.6, default: 82.6 },
  bandwidth_gb_s: 1008, dispatch_us: 5, memory_gib: 24, tile: null, shared_memory_group: null,
  efficiency: { compute: 0.6, memory: 0.8 },
};
const npu = {
  name: 'Ryzen AI Max+ 395 NPU', kind: 'npu', peak_tops: { int8: 50, bf16: 50, default: 50 },
  bandwidth_gb_s: 256, dispatch_us: 12, memory_gib: 128, shared_memory_group: 'soc0', tile: 64,
  efficiency: { compute: 0.5, memory: 0.8, compute_curve: { over: 'tokens', points: [[128, 0.11], [1536, 0.24]] } },
};
const igpu = {
  name: 'Radeon 8060S (Ryzen AI Max+ 395 iGPU)', kind: 'igpu', peak_tops: { bf16: 59.4, fp16: 59.4, int8: 59.4, default: 29.7 },
  bandwidth_gb_s: 256, dispatch_us: 8, memory_gib: 128, shared_memory_group: 'soc0', tile: null,
  efficiency: { compute: 0.45, memory: 0.75 },
};

const runs = [
  ['llama-2-7b-bf16-rtx4090.summary.json', {
    prompt: 1024, generate: 50, weights: 'bf16', wBytes: 2, quant: false, dispatchPerLayer: 11,
    prefillComputeEff: 0.6, handoffMs: 0,
    devices: { device: rtx4090 },
    mapping: { prefill: 'device', decode: 'device', by_kind: {} },
    scenario: {
      version: 1, name: 'Llama-2-7B bf16 on an RTX 4090', model: 'llama-2-7b',
      workload: { prompt: 1024, generate: 50, batch: 1 },
      options: { weights: 'bf16', activations: 'bf16', fusion: 'fused' },
      devices: { device: 'rtx-4090' }, mapping: { prefill: 'device', decode: 'device' }, overlap: 'op',
    },
    warnings: [],
  }],
  ['llama-2-7b-int4-ryzen-hybrid.summary.json', {
    prompt: 1024, generate: 50, weights: 'int4', wBytes: (4 + 16 / 128 + 4 / 128) / 8, quant: true, dispatchPerLayer: 13,
    prefillComputeEff: 0.2316, handoffMs: 0.02,
    devices: { npu, igpu },
    mapping: { prefill: 'npu', decode: 'igpu', by_kind: {} },
    scenario: {
      version: 1, name: 'Llama-2-7B int4, prefill on the NPU, decode on the iGPU', model: 'llama-2-7b',
      workload: { prompt: 1024, generate: 50, batch: 1 },
      options: { weights: 'int4', activations: 'bf16', fusion: 'fused' },
      devices: { npu: 'ryzen-ai-max-395-npu', igpu: 'ryzen-ai-max-395-igpu' },
      mapping: { prefill: 'npu', decode: 'igpu' },
      links: [{ from: 'npu', to: 'igpu', bandwidth_gb_s: 64, latency_us: 20 }], overlap: 'op',
    },
    warnings: ['int4 weights: the embedding table stays in bf16'],
  }],
];

mkdirSync(join(here, 'fixtures'), { recursive: true });
for (const [file, cfg] of runs) {
  const s = build(cfg);
  writeFileSync(join(here, 'fixtures', file), JSON.stringify(s, null, 2) + '\n');
  console.log(`${file}: ttft ${s.ttft_ms} ms, tpot mean ${s.tpot_ms_mean} ms, tps ${s.tps}, e2e ${s.e2e_ms} ms`);
}
