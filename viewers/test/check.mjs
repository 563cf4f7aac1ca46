#!/usr/bin/env node
// Drives viewers/index.html in headless Chromium and checks what it draws.
//
//   node viewers/test/check.mjs [SCREENSHOT.png]
//
// Loads the two fixture summaries through the page's real file input (DOM.setFileInputFiles),
// then asserts over the DevTools protocol: two runs, the headline TTFT values, two TPOT polylines,
// two TTFT bars, ops-by-kind bars, a per-device chart, clean error messages for bad files, a
// model named <script>alert(1)</script> shown as text, min/max bucketing of a 200 000-step run,
// and no console errors, exceptions or dialogs. Saves a PNG screenshot of the two fixture runs
// when a path is given (and PATH-hover.png: the TPOT chart with its tooltip). Exit 0: all checks passed; 1: a check failed or the page did not respond
// (each failure is printed); 2: the browser could not be started or exited early, or 60 s passed.
//
// Talks to Chromium over --remote-debugging-pipe (fds 3 and 4, NUL-separated JSON), so it needs no
// WebSocket client and only Node built-ins. CHROMIUM=/path/to/chrome overrides the browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const page = resolve(here, '..', 'index.html');
const fixtures = [
  join(here, 'fixtures', 'llama-2-7b-bf16-rtx4090.summary.json'),
  join(here, 'fixtures', 'llama-2-7b-int4-ryzen-hybrid.summary.json'),
];
const shotPath = process.argv[2] ? resolve(process.argv[2]) : null;
const TIMEOUT_MS = 60000;

function findBrowser() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium']) {
    if (existsSync(p)) return p;
  }
  return 'chromium';
}

const failures = [];
const passed = [];
function check(name, ok, detail) {
  if (ok) passed.push(name);
  else failures.push(name + (detail !== undefined ? ': ' + (typeof detail === 'string' ? detail : JSON.stringify(detail)) : ''));
}
function fatal(msg) { console.error('check.mjs: ' + msg); cleanup(); process.exit(2); }

// ------------------------------------------------------------ browser + CDP
const profile = mkdtempSync(join(tmpdir(), 'life-viewer-'));
const browser = spawn(findBrowser(), [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', '--user-data-dir=' + profile,
  '--no-first-run', '--no-default-browser-check', '--disable-extensions', '--hide-scrollbars', '--mute-audio',
  '--force-color-profile=srgb', '--window-size=1280,900', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let stderrTail = '';
browser.stderr.on('data', d => { stderrTail = (stderrTail + d).slice(-4000); });
browser.on('error', e => fatal('cannot start the browser (' + e.message + '); install Chromium or set CHROMIUM=/path'));
browser.on('exit', code => { if (!done) fatal('the browser exited early (code ' + code + ')\n' + stderrTail); });
let done = false;
function cleanup() {
  done = true;
  try { browser.kill('SIGKILL'); } catch { /* already gone */ }
  try { rmSync(profile, { recursive: true, force: true }); } catch { /* ignore */ }
}
const timer = setTimeout(() => fatal('timed out after ' + TIMEOUT_MS / 1000 + ' s'), TIMEOUT_MS);

const toBrowser = browser.stdio[3], fromBrowser = browser.stdio[4];
let nextId = 1, buf = Buffer.alloc(0);
const pending = new Map(), listeners = [];
fromBrowser.on('data', chunk => {
  buf = Buffer.concat([buf, chunk]);
  let i;
  while ((i = buf.indexOf(0)) >= 0) {
    const msg = JSON.parse(buf.subarray(0, i).toString('utf8'));
    buf = buf.subarray(i + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve: ok, reject, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(method + ': ' + msg.error.message)); else ok(msg.result);
    } else if (msg.method) for (const l of listeners) l(msg);
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const payload = { id, method, params };
  if (sessionId) payload.sessionId = sessionId;
  toBrowser.write(JSON.stringify(payload) + '\0');
  return new Promise((ok, reject) => pending.set(id, { resolve: ok, reject, method }));
}
function waitEvent(method, sessionId, ms = 15000) {
  return new Promise((ok, reject) => {
    const t = setTimeout(() => reject(new Error('no ' + method + ' within ' + ms + ' ms')), ms);
    const l = msg => { if (msg.method === method && (!sessionId || msg.sessionId === sessionId)) { clearTimeout(t); listeners.splice(listeners.indexOf(l), 1); ok(msg.params); } };
    listeners.push(l);
  });
}
const sleep = ms => new Promise(r => setTimeout(r, ms));

// ----------------------------------------------------------------- the run
const problems = []; // console errors, exceptions, dialogs
async function main() {
  const { targetInfos } = await send('Target.getTargets');
  const target = targetInfos.find(t => t.type === 'page');
  if (!target) throw new Error('no page target');
  const { sessionId: S } = await send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  const cmd = (m, p) => send(m, p, S);
  listeners.push(msg => {
    if (msg.sessionId !== S) return;
    if (msg.method === 'Runtime.exceptionThrown') {
      const d = msg.params.exceptionDetails;
      problems.push('exception: ' + ((d.exception && d.exception.description) || d.text));
    } else if (msg.method === 'Runtime.consoleAPICalled' && (msg.params.type === 'error' || msg.params.type === 'assert')) {
      problems.push('console.' + msg.params.type + ': ' + msg.params.args.map(a => a.value ?? a.description).join(' '));
    } else if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') {
      problems.push('log: ' + msg.params.entry.text + (msg.params.entry.url ? ' (' + msg.params.entry.url + ')' : ''));
    } else if (msg.method === 'Page.javascriptDialogOpening') {
      problems.push('dialog opened: ' + msg.params.type + ' ' + JSON.stringify(msg.params.message));
      cmd('Page.handleJavaScriptDialog', { accept: true }).catch(() => {});
    }
  });
  await Promise.all([cmd('Runtime.enable'), cmd('Log.enable'), cmd('Page.enable'), cmd('DOM.enable')]);
  await cmd('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  await cmd('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
  const loaded = waitEvent('Page.loadEventFired', S);
  await cmd('Page.navigate', { url: pathToFileURL(page).href });
  await loaded;

  const evaluate = async (expr) => {
    const r = await cmd('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error('evaluate failed: ' + (r.exceptionDetails.exception?.description || r.exceptionDetails.text) + '\n  in: ' + expr.slice(0, 200));
    return r.result.value;
  };
  const waitFor = async (expr, what, ms = 10000) => {
    const t0 = Date.now();
    while (Date.now() - t0 < ms) { if (await evaluate(expr)) return true; await sleep(50); }
    throw new Error('timed out waiting for ' + what);
  };

  check('page exposes window.lifeViewer', await evaluate('typeof window.lifeViewer === "object" && typeof lifeViewer.loadText === "function"'));
  check('empty state shown before loading', await evaluate('!!document.getElementById("empty")'));

  // 1. Load both fixtures through the real <input type=file multiple>.
  const { root } = await cmd('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cmd('DOM.querySelector', { nodeId: root.nodeId, selector: 'input#file' });
  if (!nodeId) throw new Error('no input#file on the page');
  await cmd('DOM.setFileInputFiles', { nodeId, files: fixtures });
  await waitFor('lifeViewer.runs().length === 2', 'two runs to load');

  const expect = fixtures.map(f => JSON.parse(readFileSync(f, 'utf8')));
  const state = await evaluate(`(() => {
    const q = s => Array.from(document.querySelectorAll(s));
    const poly = q('svg[data-chart="TPOT"] polyline');
    return {
      runs: lifeViewer.runs(),
      chips: q('#chips .chip').map(c => c.textContent),
      ttftCells: q('table.headline td[data-key="ttft"]').map(td => ({ value: Number(td.dataset.value), text: td.querySelector('.val').textContent })),
      tpotCells: q('table.headline td[data-key="tpot"]').map(td => Number(td.dataset.value)),
      polylines: poly.map(p => p.getAttribute('points').trim().split(/\\s+/).filter(Boolean).length),
      polyStrokes: poly.map(p => p.getAttribute('stroke')),
      ttftBars: q('svg[data-chart="TTFT"] rect.bar').map(b => ({ h: Number(b.getAttribute('height')), v: Number(b.dataset.value), fill: b.getAttribute('fill') })),
      tpsBars: q('svg[data-chart="TPS"] rect.bar').length,
      opsSegs: q('svg[data-chart="ops by kind"] rect.seg').map(r => ({ kind: r.dataset.kind, w: Number(r.getAttribute('width')) })),
      bytesSegs: q('svg[data-chart="bytes by kind"] rect.seg').length,
      devSegs: q('svg[data-chart="time per device"] rect.seg').length,
      errors: q('#errors .error').length,
      svgTextOverflow: q('svg text').filter(t => { const b = t.getBBox(); return !(b.width >= 0); }).length,
    };
  })()`);
  check('two runs loaded', state.runs.length === 2, state.runs);
  check('two chips', state.chips.length === 2 && state.chips[0].includes('RTX 4090') && state.chips[1].includes('NPU'), state.chips);
  check('no load errors for the fixtures', state.errors === 0, state.errors);
  for (let i = 0; i < 2; i++) {
    const want = expect[i].ttft_ms, got = state.ttftCells[i];
    check(`headline TTFT of R${i + 1} = ${want}`, got && got.value === want && got.text.replace(/,/g, '') === want.toFixed(1), got);
    check(`headline mean TPOT of R${i + 1} = ${expect[i].tpot_ms_mean}`, state.tpotCells[i] === expect[i].tpot_ms_mean, state.tpotCells[i]);
  }
  check('TPOT chart has two polylines with 50 points each', state.polylines.length === 2 && state.polylines.every(n => n === 50), state.polylines);
  check('TPOT polylines use the two run colours', state.polyStrokes.length === 2 && state.polyStrokes[0] !== state.polyStrokes[1], state.polyStrokes);
  check('TTFT chart has two bars', state.ttftBars.length === 2 && state.ttftBars.every(b => b.h > 0), state.ttftBars);
  check('TTFT bars are proportional', state.ttftBars.length === 2 &&
    Math.abs(state.ttftBars[1].h / state.ttftBars[0].h - expect[1].ttft_ms / expect[0].ttft_ms) < 0.05, state.ttftBars);
  check('TPS chart has two bars', state.tpsBars === 2, state.tpsBars);
  check('ops-by-kind chart has bars', state.opsSegs.length >= 8 && state.opsSegs.some(s => s.kind === 'gemm' && s.w > 10), state.opsSegs.length);
  check('ops-by-kind shows dequantize for the int4 run', state.opsSegs.some(s => s.kind === 'dequantize'));
  check('bytes-by-kind chart has bars', state.bytesSegs >= 8, state.bytesSegs);
  check('per-device chart: 3 lanes × (1 GPU × 2 phases + NPU prefill + iGPU decode)', state.devSegs === 12, state.devSegs);

  // 2. Screenshot of the two fixture runs (for the README).
  if (shotPath) {
    await sleep(100);
    const { contentSize } = await cmd('Page.getLayoutMetrics');
    const h = Math.ceil(contentSize.height);
    await cmd('Emulation.setDeviceMetricsOverride', { width: 1280, height: h, deviceScaleFactor: 1, mobile: false });
    await sleep(300);
    const { data } = await cmd('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: 1280, height: h, scale: 1 }, captureBeyondViewport: true });
    writeFileSync(shotPath, Buffer.from(data, 'base64'));
    await cmd('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
    await sleep(200);
  }

  // 3. Hovering shows exact values.
  const tipText = await evaluate(`(() => {
    const b = document.querySelector('svg[data-chart="TTFT"] rect.bar').getBoundingClientRect();
    const ev = new MouseEvent('mousemove', { clientX: b.left + b.width / 2, clientY: b.top + 5, bubbles: true });
    document.querySelector('svg[data-chart="TTFT"] rect.bar').dispatchEvent(ev);
    const t = document.getElementById('tip'); return getComputedStyle(t).display === 'none' ? '' : t.textContent;
  })()`);
  check('hovering a TTFT bar shows the exact value', tipText.includes(String(expect[0].ttft_ms)), tipText);
  const lineTip = await evaluate(`(() => {
    const hit = document.querySelector('svg[data-chart="TPOT"] rect.hit'), b = hit.getBoundingClientRect();
    hit.dispatchEvent(new MouseEvent('mousemove', { clientX: b.right - 1, clientY: b.top + 20, bubbles: true }));
    return document.getElementById('tip').textContent;
  })()`);
  check('hovering the TPOT chart shows step 50 of both runs', lineTip.includes('decode step 50') &&
    lineTip.includes(String(expect[0].tpot_ms[49])) && lineTip.includes(String(expect[1].tpot_ms[49])), lineTip);
  if (shotPath) { // the TPOT card with its hover tooltip, beside the main screenshot
    const box = await evaluate(`(() => { const r = document.getElementById('tpot').getBoundingClientRect(); return { x: r.left, y: r.top + scrollY, w: r.width, h: r.height }; })()`);
    const { data } = await cmd('Page.captureScreenshot', { format: 'png', clip: { x: box.x - 4, y: box.y - 4, width: box.w + 8, height: box.h + 8, scale: 1 }, captureBeyondViewport: true });
    writeFileSync(shotPath.replace(/(\.png)?$/i, '-hover.png'), Buffer.from(data, 'base64'));
  }
  await evaluate(`document.querySelector('svg[data-chart="TPOT"] rect.hit').dispatchEvent(new MouseEvent('mouseleave')); true`);

  // 3b. The ops chart's "% of each bar" mode: every stacked bar spans the same width.
  const pct = await evaluate(`(() => {
    const sel = document.querySelector('#ops select'); sel.value = 'pct'; sel.dispatchEvent(new Event('change'));
    const rows = {};
    for (const r of document.querySelectorAll('svg[data-chart="ops by kind"] rect.seg')) {
      const y = r.getAttribute('y'); rows[y] = (rows[y] || 0) + Number(r.getAttribute('width'));
    }
    const w = Object.values(rows);
    const s2 = document.querySelector('#ops select'); s2.value = 'abs'; s2.dispatchEvent(new Event('change'));
    return w;
  })()`);
  check('ops chart in % mode: four bars of equal width', pct.length === 4 && Math.max(...pct) - Math.min(...pct) < 2, pct);

  // 4. Bad files: clear inline errors naming the file, no crash, runs unchanged.
  const bad = await evaluate(`(() => {
    const out = [];
    out.push(lifeViewer.loadText('broken.json', '{"ttft_ms": 12,'));
    out.push(lifeViewer.loadText('empty.json', ''));
    out.push(lifeViewer.loadText('list.json', '[1, 2, 3]'));
    out.push(lifeViewer.loadText('workload.json', JSON.stringify({ schema_version: 1, prefill: {}, decode: { steps: [] } })));
    out.push(lifeViewer.loadText('wrongtype.json', JSON.stringify({ ttft_ms: "fast", prefill: {}, decode: { steps: [] } })));
    out.push(lifeViewer.loadText('badsteps.json', JSON.stringify({ ttft_ms: 1, prefill: {}, decode: { steps: 5 } })));
    return { results: out, shown: Array.from(document.querySelectorAll('#errors .error')).map(e => e.textContent), runs: lifeViewer.runs().length };
  })()`);
  check('bad files are rejected', bad.results.every(r => r.ok === false), bad.results);
  check('each bad file gets an inline error naming it', bad.shown.length === 6 &&
    ['broken.json', 'empty.json', 'list.json', 'workload.json', 'wrongtype.json', 'badsteps.json'].every((f, i) => bad.shown[i].startsWith(f)), bad.shown);
  check('not-JSON error says so', /not valid JSON/.test(bad.shown[0] || ''), bad.shown[0]);
  check('wrong-schema error names the key', /ttft_ms/.test(bad.shown[4] || '') && /decode\.steps/.test(bad.shown[5] || ''), bad.shown.slice(4));
  check('bad files leave the loaded runs alone', bad.runs === 2, bad.runs);

  // 5. Escaping: a model and scenario named <script>alert(1)</script> render as text.
  const evil = '<script>alert(1)</script>';
  const x = JSON.parse(JSON.stringify(expect[1]));
  x.model.name = evil; x.scenario.name = evil; x.devices.npu.name = '<img src=x onerror=alert(2)>';
  x.warnings = [evil]; x.decode.steps[0].bound = '<b>bold</b>';
  const xr = await evaluate(`(() => {
    const before = document.querySelectorAll('script').length;
    const r = lifeViewer.loadText(${JSON.stringify(evil + '.json')}, ${JSON.stringify(JSON.stringify(x))});
    const chip = document.querySelectorAll('#chips .chip')[2];
    return { r, before, after: document.querySelectorAll('script').length, imgs: document.querySelectorAll('img').length,
      bolds: document.querySelectorAll('main b').length - document.querySelectorAll('main td b, #warnings b').length,
      chipText: chip ? chip.querySelector('.nm').textContent : null,
      tableText: document.querySelectorAll('table.headline td.run .name')[2]?.textContent,
      warnText: document.querySelector('#warnings')?.textContent || '',
      devLabel: Array.from(document.querySelectorAll('svg[data-chart="time per device"] text title')).map(t => t.textContent).join('|') };
  })()`);
  check('a model named <script> loads', xr.r && xr.r.ok === true, xr.r);
  check('no script element injected', xr.after === xr.before, xr);
  check('no img element injected', xr.imgs === 0, xr.imgs);
  check('the name renders as text in the chip and the table', xr.chipText === evil && xr.tableText === evil, xr);
  check('warnings render as text', xr.warnText.includes(evil), xr.warnText);
  check('device names render as text in SVG', xr.devLabel.includes('<img src=x onerror=alert(2)>'), xr.devLabel);
  await sleep(200);

  // 6. Removing a chip removes the run.
  const afterRemove = await evaluate(`(() => { document.querySelectorAll('#chips .chip button')[2].click(); return lifeViewer.runs().length; })()`);
  check('the chip × removes its run', afterRemove === 2, afterRemove);

  // 7. 200 000 decode steps: bucketed to min/max per pixel, and the page stays quick.
  const big = await evaluate(`(() => {
    const n = 200000, tp = new Array(n), steps = new Array(n);
    for (let i = 0; i < n; i++) { tp[i] = 10 + i * 1e-4 + (i % 2 ? 0.5 : 0); steps[i] = { step: i + 1, kv_len: i + 2, tpot_ms: tp[i], t_compute_ms: 1, t_memory_ms: tp[i] - 1, bound: 'memory', device: 'd' }; }
    const s = { ttft_ms: 0, tpot_ms: tp, tpot_ms_mean: 20, tps: 50, tps_total: 50, e2e_ms: 1, prefill: { tokens: 0, ops: 0 }, decode: { steps }, model: { name: 'big' } };
    const t0 = performance.now();
    const r = lifeViewer.loadText('big.json', JSON.stringify(s));
    const ms = performance.now() - t0;
    const p = document.querySelector('svg[data-chart="TPOT"] polyline[data-steps="200000"]');
    const w = Number(document.querySelector('svg[data-chart="TPOT"]').getAttribute('width'));
    const pts = p ? p.getAttribute('points').trim().split(/\\s+/).length : 0;
    lifeViewer.remove(r.id);
    return { ok: r.ok, ms, pts, w };
  })()`);
  check('a 200 000-step run is bucketed to at most 2 points per pixel', big.ok && big.pts > 100 && big.pts <= 2 * big.w, big);
  check('a 200 000-step run renders in under 3 s', big.ms < 3000, big);

  // 7b. Edge cases: no decode steps (G = 0), a prompt of 0 with one step, and a file dropped on the page.
  const g0 = JSON.parse(JSON.stringify(expect[0]));
  Object.assign(g0, { tpot_ms: [], tpot_ms_mean: null, tps: null, tps_total: null, e2e_ms: g0.ttft_ms });
  g0.decode = { steps: [] }; g0.dispatch_calls.decode_per_step = []; g0.scenario.name = 'no decode';
  const p0 = JSON.parse(JSON.stringify(expect[0]));
  p0.tpot_ms = p0.tpot_ms.slice(0, 1); p0.decode = { steps: p0.decode.steps.slice(0, 1) }; p0.dispatch_calls.decode_per_step = [p0.dispatch_calls.decode_per_step[0]];
  Object.assign(p0, { ttft_ms: 0, tpot_ms_mean: p0.tpot_ms[0], e2e_ms: p0.tpot_ms[0] });
  p0.prefill = { tokens: 0, ops: 0, ops_by_kind: {}, bytes_read: 0, bytes_written: 0, bytes_by_kind: {}, dispatch_calls: 0, t_compute_ms: 0, t_memory_ms: 0, t_dispatch_ms: 0, bound: 'memory', device: 'device' };
  p0.scenario.name = 'empty prompt';
  const edge = await evaluate(`(async () => {
    lifeViewer.clear();
    const a = lifeViewer.loadText('g0.json', ${JSON.stringify(JSON.stringify(g0))});
    const b = lifeViewer.loadText('p0.json', ${JSON.stringify(JSON.stringify(p0))});
    const dt = new DataTransfer();
    dt.items.add(new File([${JSON.stringify(readFileSync(fixtures[1], 'utf8'))}], 'dropped.summary.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    const dragging = document.body.classList.contains('dragging');
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    for (let i = 0; i < 100 && lifeViewer.runs().length < 3; i++) await new Promise(r => setTimeout(r, 20));
    return { a, b, dragging, runs: lifeViewer.runs().map(r => r.file), still: document.body.classList.contains('dragging'),
      tpotCell: document.querySelector('table.headline td[data-key="tpot"] .val').textContent,
      polys: document.querySelectorAll('svg[data-chart="TPOT"] polyline').length,
      dots: document.querySelectorAll('svg[data-chart="TPOT"] circle[r="3.5"]').length };
  })()`);
  check('a run with no decode steps loads and shows — for mean TPOT', edge.a.ok && edge.tpotCell === '—', edge);
  check('a run with a prompt of 0 and one step loads and is drawn as a point', edge.b.ok && edge.dots === 1, edge);
  check('dropping a file on the page loads it', edge.dragging && !edge.still && edge.runs.join() === 'g0.json,p0.json,dropped.summary.json', edge);

  // 8. Nothing went wrong in the page.
  await sleep(100);
  check('no console errors, exceptions or dialogs', problems.length === 0, problems);
}

main().then(() => {
  clearTimeout(timer);
  cleanup();
  for (const p of passed) console.log('ok   ' + p);
  for (const f of failures) console.log('FAIL ' + f);
  if (shotPath) console.log('screenshot: ' + shotPath);
  console.log(failures.length ? `check.mjs: ${failures.length} of ${passed.length + failures.length} checks failed` : `check.mjs: all ${passed.length} checks passed`);
  process.exit(failures.length ? 1 : 0);
}, err => {
  clearTimeout(timer);
  for (const f of failures) console.log('FAIL ' + f);
  if (problems.length) console.log('page problems: ' + problems.join('; '));
  console.log('FAIL ' + err.message);
  console.log('check.mjs: stopped early: ' + err.message);
  cleanup();
  process.exit(1);
});
