// Page timings of the web application on a large database: time from
// navigation to the page's content being on screen, in headless Chromium,
// against a real `tallinn serve`. Prints a Markdown table (medians of ROUNDS).
//
//   TALLINN=build/src/tallinn TALLINN_WEB_DIST=build/web/dist DB=sqlite:///tmp/big.db \
//     node web/e2e/perf.mjs
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const { TALLINN: tallinn, TALLINN_WEB_DIST: webRoot, DB: db } = process.env;
const rounds = Number(process.env.ROUNDS ?? 5);
if (!tallinn || !webRoot || !db) {
  console.error('set TALLINN, TALLINN_WEB_DIST and DB');
  process.exit(2);
}
const PASSWORD = 'demo-password-2026';

const port = await new Promise((done) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => done(free));
  });
});
const server = spawn(tallinn, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });

async function timed(page, action, ready) {
  const started = performance.now();
  await action();
  await ready();
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];

async function signIn(page, role) {
  await page.goto('/');
  await page.getByLabel('Email').fill(`${role.replace(/_/g, '-')}@demo.tallinn.example`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}

// `role` 'anonymous' measures without signing in (the public page).
async function measure(role, steps) {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
  await context.addInitScript(() => localStorage.setItem('tallinn.locale', 'en'));
  const page = await context.newPage();
  page.setDefaultTimeout(120000); // the coverage aggregates are slow at this size; measure, do not fail
  if (role !== 'anonymous') await signIn(page, role);
  for (const [name, action, ready] of steps) {
    const times = [];
    for (let i = 0; i < rounds; i++) times.push(await timed(page, () => action(page), () => ready(page)));
    rows.push([role, name, median(times), Math.max(...times)]);
  }
  await context.close();
}

const firstRow = (page) => page.locator('tbody tr').first().waitFor();
const go = (path) => (page) => page.goto(path);
await measure('back_office', [
  ['/needs, first page of 25', go('/needs'), firstRow],
  ['/needs, next page', async (page) => { await page.goto('/needs'); await firstRow(page); await page.getByRole('button', { name: 'Next page' }).click(); }, (page) => page.getByText('Page 2').waitFor()],
  ['/needs filtered (sector, region)', go('/needs'), async (page) => { await firstRow(page); await page.getByLabel('Sector').selectOption('energy'); await page.getByLabel('Region').selectOption('UA-63'); await page.getByRole('button', { name: 'Apply' }).click(); await page.waitForLoadState('networkidle'); }],
  ['/queue (20 with duplicate candidates)', go('/queue'), firstRow],
  ['/coverage (map and 3 charts)', go('/coverage'), async (page) => { await page.locator('svg.map path.region').first().waitFor(); await page.locator('figure.chart').nth(2).waitFor(); }],
]);
await measure('observer', [['/coverage, suppressed', go('/coverage'), (page) => page.locator('figure.chart').nth(2).waitFor()]]);
await measure('beneficiary', [['/needs, own needs', go('/needs'), firstRow]]);
await measure('anonymous', [['/public (coverage and first page of 25 CLEAR needs)', go('/public'), (page) => page.locator('caption').first().waitFor()]]);

await browser.close();
server.kill('SIGTERM');
console.log('| role | page | median ms | max ms |\n|---|---|---:|---:|');
for (const [role, name, med, max] of rows) console.log(`| ${role} | ${name} | ${med.toFixed(0)} | ${max.toFixed(0)} |`);
