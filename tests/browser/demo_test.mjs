// Opens the demo page, switches on a southbound inspection surge, runs, and checks that
// the effects table shows more US border seizures with the policy than without.
// Usage: node demo_test.mjs URL SCREENSHOT.png
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(url);
  await page.waitForSelector('#on-southbound_inspection');
  await page.selectOption('#scenario', 'baseline.yaml');
  await page.fill('#reps', '2');
  await page.check('#on-southbound_inspection');
  await page.fill('#start-southbound_inspection', '2011-01-01');
  await page.click('#run');
  await page.waitForSelector('#effects', { timeout: 120000 });
  const cell = page.locator('tr[data-metric="us_border_seizures"] td.diff');
  const diff = Number(await cell.getAttribute('data-value'));
  await page.screenshot({ path: screenshot, fullPage: true });
  if (!(diff > 0)) throw new Error(`expected more border seizures with the inspection surge, got a change of ${diff}`);
  console.log(`browser test: border seizures +${diff} with the policy; screenshot ${screenshot}`);
} finally {
  await browser.close();
}
