#pragma once
// The single page of `gunflow serve`. Plain HTML and a little JavaScript that calls the
// JSON API; charts arrive as server-rendered SVG (the same generator as the report).
namespace gunflow::cli {
inline constexpr const char* kDemoPage = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gunflow: the iron river</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:1000px;margin:1.5em auto;color:#1b2733;padding:0 1em}
fieldset{border:1px solid #ccd;margin:0 0 1em}label{display:inline-block;min-width:17em}
.policy{margin:2px 0}.chart{width:480px;max-width:100%;background:#fafbfc;border:1px solid #e3e6ea}
.chart.wide{width:100%}.t{font-weight:600;font-size:13px}.a{font-size:11px;fill:#333}.grid{display:flex;flex-wrap:wrap;gap:12px}
table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child{text-align:left}#error{color:#b02a1a;white-space:pre-wrap}progress{width:300px}
</style></head><body>
<h1>The iron river: US guns into Mexico</h1>
<p>Pick a scenario, switch policies on from a date, and run. Each run simulates the same
random futures with and without your policies (common random numbers), so the difference is the policies' effect.</p>
<fieldset><legend>Scenario</legend><select id="scenario"></select>
 replications <input id="reps" type="number" min="2" max="50" value="4" style="width:4em"></fieldset>
<fieldset><legend>Policies (start date)</legend><div id="policies"></div></fieldset>
<button id="run">Run</button> <progress id="progress" value="0" max="1"></progress> <span id="state"></span>
<div id="error"></div><div id="result"></div>
<script>
const $ = (id) => document.getElementById(id);
async function load() {
  const sc = await (await fetch('/api/scenarios')).json();
  for (const s of sc) { const o = document.createElement('option'); o.value = o.textContent = s; $('scenario').appendChild(o); }
  $('scenario').value = 'baseline.yaml';
  const pol = await (await fetch('/api/policies')).json();
  for (const p of pol) {
    const d = document.createElement('div'); d.className = 'policy';
    d.innerHTML = `<label><input type="checkbox" id="on-${p}"> ${p.replaceAll('_', ' ')}</label>` +
                  `<input type="date" id="start-${p}" value="2011-01-01">`;
    $('policies').appendChild(d);
  }
}
async function run() {
  $('error').textContent = ''; $('result').innerHTML = ''; $('state').textContent = 'starting';
  const policies = {};
  document.querySelectorAll('input[type=checkbox]').forEach((c) => {
    if (c.checked) { const p = c.id.slice(3); policies[p] = $('start-' + p).value; }
  });
  const r = await fetch('/api/run', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({scenario: $('scenario').value, policies, replications: Number($('reps').value)})});
  if (!r.ok) { $('error').textContent = await r.text(); $('state').textContent = 'rejected'; return; }
  for (;;) {
    await new Promise((ok) => setTimeout(ok, 300));
    const s = await (await fetch('/api/status')).json();
    $('progress').max = s.total || 1; $('progress').value = s.done; $('state').textContent = s.state;
    if (s.state === 'error') { $('error').textContent = s.error; return; }
    if (s.state === 'done') break;
  }
  $('result').innerHTML = await (await fetch('/api/result')).text();
}
$('run').addEventListener('click', run);
load();
</script></body></html>
)HTML";
}  // namespace gunflow::cli
