#pragma once
// The single page of `gunflow serve`. Plain HTML and a little JavaScript that calls the
// JSON API; charts and maps arrive as server-rendered SVG (the same generators as the
// report). Nothing is loaded from the network: the page works on a classroom LAN with
// no internet.
namespace gunflow::cli {
inline constexpr const char* kDemoPage = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gunflow: the iron river</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:1.5em auto;color:#1b2733;padding:0 1em}
fieldset{border:1px solid #ccd;margin:0 0 1em}.policy{border-top:1px solid #eee;padding:6px 0}
.policy h3{font-size:15px;margin:0}.policy p{margin:2px 0 4px 1.6em;font-size:14px}.notice{color:#1e5f8a}
.params{margin-left:1.6em;font-size:13px}.params label{margin-right:1em}.params input{width:7em}
.params input.list{width:22em}.defaults{color:#666;font-size:12px;margin-left:1.6em}
.chart{width:480px;max-width:100%;background:#fafbfc;border:1px solid #e3e6ea}.chart.wide{width:100%}
.t{font-weight:600;font-size:13px}.a{font-size:11px;fill:#333}.grid{display:flex;flex-wrap:wrap;gap:12px}
.maps{display:grid;grid-template-columns:1fr 1fr;gap:8px}.maps .chart{width:100%}
table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child{text-align:left}#error{color:#b02a1a;white-space:pre-wrap}progress{width:300px}
.hint{color:#555;font-size:13px}button:disabled{opacity:.5}
</style></head><body>
<h1>The iron river: US guns into Mexico</h1>
<p>Pick a scenario, switch policies on from a date, and run. Each run simulates the same
random futures with and without your policies (common random numbers), so the difference is the policies' effect.
Several students can run at once: runs beyond what the server runs in parallel wait in a queue, and the page shows
your place.</p>
<fieldset><legend>Scenario</legend><select id="scenario"></select>
 replications <input id="reps" type="number" min="2" max="50" value="4" style="width:4em">
 <span class="hint" id="reps-hint">from 2 to 50: the server refuses other values rather than changing them</span></fieldset>
<fieldset><legend>Policies</legend><p class="hint">Parameters start at the values of the policy's file under
scenarios/policies/ (named under each policy), as in docs/policy-effects.md.</p><div id="policies"></div></fieldset>
<button id="run">Run</button> <progress id="progress" value="0" max="1"></progress> <span id="state"></span>
<div id="error"></div><div id="result"></div>
<script>
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
let catalogue = [];
function shown(v) { return Array.isArray(v) ? (v.length ? v.join(', ') : 'all') : String(v); }
function paramInput(p, q) {
  const id = `param-${p.name}-${q.key}`;
  if (q.kind === 'bool') return `<label><input type="checkbox" id="${id}" ${q.default ? 'checked' : ''}> ${esc(q.key)}</label>`;
  if (q.kind === 'list') return `<label>${esc(q.key)} <input class="list" id="${id}" value="${esc(q.default.join(', '))}" placeholder="empty: all"></label>`;
  return `<label>${esc(q.key)} <input type="number" step="any" id="${id}" value="${q.default}"></label>`;
}
async function load() {
  const sc = await (await fetch('/api/scenarios')).json();
  for (const s of sc) { const o = document.createElement('option'); o.value = o.textContent = s; $('scenario').appendChild(o); }
  $('scenario').value = 'baseline.yaml';
  const limits = await (await fetch('/api/limits')).json();
  $('reps').min = limits.min_replications; $('reps').max = limits.max_replications;
  $('reps-hint').textContent = `from ${limits.min_replications} to ${limits.max_replications}: the server refuses other values rather than changing them`;
  catalogue = await (await fetch('/api/policies')).json();
  for (const p of catalogue) {
    const d = document.createElement('div'); d.className = 'policy'; d.dataset.policy = p.name;
    const defaults = p.params.map((q) => `${q.key} ${shown(q.default)}`).join('; ');
    d.innerHTML = `<h3><label><input type="checkbox" id="on-${p.name}"> ${esc(p.title)}</label>
      from <input type="date" id="start-${p.name}" value="${p.start}"></h3>
      <p>${esc(p.description)}</p><p class="notice"><b>What to notice:</b> ${esc(p.notice)}</p>
      <div class="params">${p.params.map((q) => paramInput(p, q)).join(' ')}</div>
      <div class="defaults">defaults: ${p.file ? 'scenarios/' + esc(p.file) : 'the schema (no file under scenarios/policies/)'}${defaults ? ' — ' + esc(defaults) : ''}</div>`;
    $('policies').appendChild(d);
  }
}
function readParams(p) {
  const out = {};
  for (const q of p.params) {
    const el = $(`param-${p.name}-${q.key}`);
    if (q.kind === 'bool') out[q.key] = el.checked;
    else if (q.kind === 'list') out[q.key] = el.value.split(',').map((s) => s.trim()).filter((s) => s);
    else if (el.value.trim() !== '') out[q.key] = Number(el.value);  // an emptied box: the default, not 0
  }
  return out;
}
async function run() {
  $('error').textContent = ''; $('result').innerHTML = ''; $('state').textContent = 'starting';
  $('run').disabled = true;
  try {
    const policies = {};
    for (const p of catalogue)
      if ($('on-' + p.name).checked) policies[p.name] = {start: $('start-' + p.name).value, params: readParams(p)};
    const r = await fetch('/api/run', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({scenario: $('scenario').value, policies, replications: Number($('reps').value)})});
    if (!r.ok) { $('error').textContent = await r.text(); $('state').textContent = 'rejected'; return; }
    const job = (await r.json()).job;
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 400));
      const s = await (await fetch('/api/status?job=' + job)).json();
      $('progress').max = s.total || 1; $('progress').value = s.done;
      $('state').textContent = s.state === 'queued' ? `waiting in the queue: place ${s.position}` : s.state;
      if (s.state === 'error' || s.state === 'unknown') { $('error').textContent = s.error; return; }
      if (s.state === 'done') break;
    }
    $('result').innerHTML = await (await fetch('/api/result?job=' + job)).text();
  } finally {
    $('run').disabled = false;
  }
}
$('run').addEventListener('click', run);
load();
</script></body></html>
)HTML";
}  // namespace gunflow::cli
