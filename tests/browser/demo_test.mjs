// Drives the demo as two students at once, in two browser contexts (separate sessions):
// A switches on the southbound inspection surge with a higher rate than its file's,
// B more ATF investigators. Checks what a class sees: each policy's description, "what
// to notice" line and defaults from scenarios/policies/; the Run button disabled while a
// run is in flight; a queue place or progress; the effects table with names and units
// and the expected signs; baseline and policy maps with drawn paths; the timeline with
// the policy start; a refused request's message without server paths.
// Usage: node demo_test.mjs URL SCREENSHOT_DIR
import { chromium } from 'playwright-core';

const [url, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
const fail = (msg) => { throw new Error(msg); };
const outside = [];

async function student(policy, params) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  // Self-contained: every request goes to the demo server itself.
  page.on('request', (r) => { if (!r.url().startsWith(url)) outside.push(r.url()); });
  await page.goto(url);
  await page.waitForSelector(`#on-${policy}`);
  await page.selectOption('#scenario', 'baseline.yaml');
  await page.fill('#reps', '2');
  await page.check(`#on-${policy}`);
  for (const [key, value] of Object.entries(params)) await page.fill(`#param-${policy}-${key}`, String(value));
  return { context, page };
}

async function cell(page, metric) {
  return Number(await page.locator(`tr[data-metric="${metric}"] td.diff`).getAttribute('data-value'));
}

try {
  const a = await student('southbound_inspection', { rate: 0.3 });
  const b = await student('atf_capacity', {});
  // What the page says before anything runs.
  const box = a.page.locator('.policy[data-policy="southbound_inspection"]');
  const defaults = await box.locator('.defaults').textContent();
  if (!defaults.includes('scenarios/policies/southbound_inspection.yaml') || !defaults.includes('laredo'))
    fail(`defaults not stated from the policy file: ${defaults}`);
  if ((await box.locator('.notice').textContent()).length < 40) fail('no "what to notice" line');
  if ((await box.locator('p').first().textContent()).length < 60) fail('no description');
  if (!(await a.page.locator('#reps-hint').textContent()).includes('from 2 to 50')) fail('the clamp is not stated');
  await a.page.screenshot({ path: `${shots}/demo-form.png` });
  // Both students run at once.
  await Promise.all([a.page.click('#run'), b.page.click('#run')]);
  if (!(await a.page.locator('#run').isDisabled())) fail('the Run button stays active during a run');
  await b.page.waitForFunction(() => /running|waiting in the queue: place \d|done/.test(
    document.getElementById('state').textContent), null, { timeout: 20000 });
  const seen = await b.page.locator('#state').textContent();
  await Promise.all([a.page.waitForSelector('#effects', { timeout: 240000 }),
                     b.page.waitForSelector('#effects', { timeout: 240000 })]);
  if (await a.page.locator('#run').isDisabled()) fail('the Run button stays disabled after the run');
  const seizures = await cell(a.page, 'us_border_seizures');
  if (!(seizures > 0)) fail(`expected more border seizures with the inspection surge, got ${seizures}`);
  const arrests = await cell(b.page, 'arrests');
  if (!(arrests > 0)) fail(`expected more arrests with more investigators, got ${arrests}`);
  // Names and units, not codes.
  const first = a.page.locator('#effects tr[data-metric="guns_trafficked"] td');
  if ((await first.nth(0).textContent()) !== 'Guns bought for trafficking') fail('the metric has no readable name');
  if ((await first.nth(1).textContent()) !== 'guns') fail('the metric has no unit');
  // Maps side by side, each with outlines and drawn paths; the difference map too.
  for (const id of ['#map-base', '#map-policy', '#map-diff']) {
    const land = await a.page.locator(`${id} path.land`).count();
    const flows = await a.page.locator(`${id} path.flow`).count();
    if (land < 49 || flows < 5) fail(`${id}: ${land} outlines and ${flows} flow paths`);
  }
  const guns = Number(await a.page.locator('#map-base path.flow').first().getAttribute('data-guns'));
  if (!(guns > 0)) fail('the baseline map draws a path without guns');
  // The timeline marks the policy start.
  if ((await a.page.locator('#timeline svg').count()) < 4) fail('no timeline charts');
  if ((await a.page.locator('#timeline line.marker').count()) < 1) fail('the policy start is not marked');
  await a.page.locator('.maps').screenshot({ path: `${shots}/demo-maps.png` });
  await a.page.locator('#effects').screenshot({ path: `${shots}/demo-effects.png` });
  // A refused request: the message names the field, never a server path.
  await a.page.fill('#reps', '51');
  await a.page.click('#run');
  await a.page.waitForFunction(() => document.getElementById('error').textContent.length > 0);
  const error = await a.page.locator('#error').textContent();
  if (!error.includes('replications') || error.includes('/tmp') || error.includes('/work')) fail(`error: ${error}`);
  if (outside.length) fail(`the page fetched from elsewhere: ${outside.join(', ')}`);
  console.log(`browser test: seizures +${seizures} (A), arrests +${arrests} (B, seen "${seen}"); screenshots in ${shots}`);
  await a.context.close();
  await b.context.close();
} finally {
  await browser.close();
}
