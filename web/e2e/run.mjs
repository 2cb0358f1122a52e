// End-to-end tests of the web application: a real `tallinn serve` on a fresh
// SQLite database loaded with `tallinn demo`, driven through Debian's
// Chromium by playwright-core (no browser downloads). One journey per role,
// the XSS case, a locale switch, security headers, the inbox, an offer's
// ledger, meeting attendance and corrections, report attachments; a
// screenshot of each main page is saved in $TALLINN_WEB_ARTIFACTS.
//
//   TALLINN=build/src/tallinn TALLINN_WEB_DIST=build/web/dist node e2e/run.mjs
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const tallinn = process.env.TALLINN;
const webRoot = process.env.TALLINN_WEB_DIST;
const artifacts = resolve(process.env.TALLINN_WEB_ARTIFACTS ?? 'e2e-artifacts');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!tallinn || !webRoot) {
  console.error('set TALLINN and TALLINN_WEB_DIST');
  process.exit(2);
}
const PASSWORD = 'demo-password-2026';
const email = (role) => `${role.replace(/_/g, '-')}@demo.tallinn.example`;

const work = mkdtempSync(join(tmpdir(), 'tallinn-web-e2e-'));
mkdirSync(artifacts, { recursive: true });
const db = `sqlite://${work}/e2e.db`;
let server;
let browser;
let passed = 0;
let failed = 0;

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function startServer() {
  execFileSync(tallinn, ['demo', '--db', db], { stdio: 'ignore' });
  const port = await freePort();
  server = spawn(tallinn, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return base;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// E2E_ONLY=regex runs only the matching tests (while working on one).
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;

async function test(name, body) {
  if (only && !only.test(name)) return;
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${error.stack ?? error}`);
  }
}

// A fresh browser context per journey: its own cookies and localStorage.
async function withPage(base, body, { locale = 'en', viewport = { width: 1366, height: 900 } } = {}) {
  const context = await browser.newContext({ baseURL: base, viewport, locale: locale === 'uk' ? 'uk-UA' : 'en-GB' });
  await context.addInitScript((lang) => {
    if (!localStorage.getItem('tallinn.locale')) localStorage.setItem('tallinn.locale', lang);
  }, locale);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[14]/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    await d.dismiss();
  });
  try {
    await body(page);
    assert(problems.length === 0, `browser problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
}

async function signIn(page, role) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email(role));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}

function navTo(page, name) {
  return page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click();
}

// A GET sent exactly as written (fetch would normalise dot segments away).
function rawGet(base, path) {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    get({ hostname, port, path }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode, body }));
    }).on('error', fail);
  });
}

async function navLinks(page) {
  return page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allInnerTexts();
}

async function shot(page, name) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function apiAs(base, role) {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: email(role), password: PASSWORD }),
  });
  const { token } = await response.json();
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: r.status === 204 ? null : await r.json() };
  };
}

async function main() {
  const base = await startServer();
  browser = await chromium.launch({
    executablePath: browserPath,
    headless: true,
    // Playwright gives every launch a fresh, empty profile directory itself.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });

  await test('static serving: CSP, caching, SPA fallback, no traversal', async () => {
    const index = await fetch(`${base}/needs/whatever`);
    assert(index.status === 200, `fallback status ${index.status}`);
    const csp = index.headers.get('content-security-policy') ?? '';
    assert(csp.includes("script-src 'self'") && !csp.includes('unsafe-inline'), `CSP: ${csp}`);
    assert(index.headers.get('x-frame-options') === 'DENY', 'X-Frame-Options');
    const html = await index.text();
    assert(!/<script>(?!<)/.test(html) && !/<script(?![^>]*src=)[^>]*>/.test(html), 'no inline script in index.html');
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)[1];
    const script = await fetch(`${base}${asset}`);
    assert(script.headers.get('cache-control').includes('immutable'), 'hashed assets are immutable');
    assert(script.headers.get('content-type').startsWith('text/javascript'), 'script content type');
    assert((await fetch(`${base}/api/v1/nothing`)).status === 404, 'API 404 stays JSON');
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const answer = await rawGet(base, path);
      assert(answer.status === 404 && !answer.body.includes('root:'), `traversal ${path}: ${answer.status}`);
    }
  });

  await test('public transparency page without sign-in', async () => {
    await withPage(base, async (page) => {
      await page.goto('/public');
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert((await page.getByRole('navigation', { name: 'Main navigation' }).count()) === 0, 'no navigation when signed out');
      await shot(page, 'public');
    });
  });

  await test('sign-in refuses a wrong password', async () => {
    await withPage(base, async (page) => {
      await page.goto('/');
      await page.getByLabel('Email').fill(email('donor'));
      await page.getByLabel('Password').fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await shot(page, 'signin');
    });
  });

  await test('beneficiary: states a need and submits it', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'beneficiary');
      const links = await navLinks(page);
      assert(JSON.stringify(links) === JSON.stringify(['Home', 'Inbox', 'Needs', 'New need', 'Assessments', 'Allocations']), `nav ${links}`);
      await shot(page, 'home-beneficiary');
      await navTo(page, 'New need');
      await page.getByLabel('Title').fill('Firewalls for the Kharkiv water utility');
      await page.getByLabel('Description').fill('Two redundant firewalls, = formula-looking text stays text');
      await page.getByLabel('Sector').selectOption('drinking-water');
      await page.getByLabel('Region').selectOption('UA-63');
      await page.getByLabel('Category').selectOption('equipment');
      await page.getByLabel('Amount (EUR)').fill('45000.50');
      await shot(page, 'need-form');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByText('Firewalls for the Kharkiv water utility').waitFor();
      await page.getByText('TLP:AMBER').first().waitFor();
      await page.getByText('€45,000.50').first().waitFor();
      await page.getByRole('button', { name: /Submitted/ }).click();
      await page.locator('.labels .status-submitted').waitFor();
      // The server's history of the need, reloaded after the move: the owner
      // sees what was done and by which organisation, never the user.
      const history = page.locator('ol[data-history="needs"] li');
      await history.filter({ hasText: /Status changed by .+; fields: .*status/ }).first().waitFor();
      await history.filter({ hasText: /Created by / }).first().waitFor();
      assert((await history.count()) === 2, `two history entries, not ${await history.count()}`);
      for (const line of await history.allTextContents()) assert(!/user |refused/.test(line), `owner sees ${line}`);
      await navTo(page, 'Needs');
      await page.getByRole('link', { name: 'Firewalls for the Kharkiv water utility' }).waitFor();
      await shot(page, 'needs-beneficiary');
    });
  });

  await test('front office: takes a need in for a beneficiary, filters the list', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'front_office');
      const links = await navLinks(page);
      assert(links.includes('Coverage') && !links.includes('Audit trail'), `nav ${links}`);
      await navTo(page, 'New need');
      const org = page.getByLabel('For organisation');
      await org.locator('option').nth(1).waitFor({ state: 'attached' });
      await org.selectOption({ index: 1 });
      await page.getByLabel('Title').fill('Intake: EDR for Odesa hospital');
      await page.getByLabel('Amount (EUR)').fill('12000');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByText('Intake: EDR for Odesa hospital').waitFor();
      await navTo(page, 'Needs');
      await page.getByLabel('Status').selectOption('published');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => {
        const statuses = [...document.querySelectorAll('tbody .status')].map((s) => s.textContent);
        return statuses.length > 0 && statuses.every((s) => s === 'Published');
      });
      await page.getByLabel('Status').selectOption('');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2').waitFor();
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.getByText('Page 1').waitFor();
      await shot(page, 'needs-front-office');
    });
  });

  await test('back office: validation queue, validate and publish, audit trail', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'back_office');
      await shot(page, 'home-back-office');
      // Submissions arrive in the back office's inbox (the beneficiary's
      // journey submitted one), marked and linked.
      await navTo(page, 'Inbox');
      const submitted = page.locator('tbody tr[data-kind="need.submitted"]', { hasText: 'Firewalls for the Kharkiv water utility' });
      await submitted.first().waitFor();
      await submitted.first().getByText('TLP:AMBER').waitFor();
      await submitted.first().getByText('Unread').waitFor();
      // By keyboard: the button is reachable and labelled with the notice's record.
      await submitted.first().getByRole('button', { name: 'Mark “Firewalls for the Kharkiv water utility” read' }).focus();
      await page.keyboard.press('Enter');
      await submitted.first().getByText('Read', { exact: true }).waitFor();
      assert((await submitted.first().getByRole('button').count()) === 0, 'a read notice offers no mark-read button');
      await shot(page, 'inbox-back-office');
      await page.reload();
      await submitted.first().getByText('Read', { exact: true }).waitFor();
      await navTo(page, 'Validation queue');
      await page.locator('tbody tr').first().waitFor();
      await shot(page, 'queue');
      await page.locator('tbody a').first().click();
      await page.getByRole('button', { name: /Validated/ }).click();
      await page.locator('.labels .status-validated').waitFor();
      await page.getByRole('button', { name: /Published/ }).click();
      await page.locator('.labels .status-published').waitFor();
      await page.getByRole('heading', { name: 'History' }).waitFor();
      // The back office reads the whole trail, so its history names the user too.
      await page.locator('ol[data-history="needs"] li', { hasText: /Status changed by .+; user [0-9a-f]{8}/ }).first().waitFor();
      await shot(page, 'need-detail');
      await navTo(page, 'Audit trail');
      await page.locator('tbody tr').first().waitFor();
      await shot(page, 'audit');
    });
  });

  await test('ua authority: reads needs and coverage', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'ua_authority');
      const links = await navLinks(page);
      assert(!links.includes('New need') && links.includes('Coverage'), `nav ${links}`);
      await navTo(page, 'Needs');
      await page.locator('tbody tr').first().waitFor();
    });
  });

  await test('donor: offers, creates one', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'donor');
      const links = await navLinks(page);
      assert(links.includes('New offer') && !links.includes('New need'), `nav ${links}`);
      await navTo(page, 'Offers');
      await page.locator('tbody tr').first().waitFor();
      await shot(page, 'offers');
      await navTo(page, 'New offer');
      await page.getByLabel('Title').fill('Estonian EDR programme 2027');
      await page.getByLabel('Budget (EUR)').fill('250000');
      await page.getByLabel('Sectors').selectOption(['energy', 'health']);
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByText('Estonian EDR programme 2027').waitFor();
      await page.locator('.facts dd', { hasText: '€250,000.00' }).first().waitFor();
      // A new offer's ledger: all of it pledged and still remaining.
      await page.locator('.ledger [data-line="pledged"] dd', { hasText: '€250,000.00' }).waitFor();
      await page.locator('.ledger [data-line="remaining"] dd', { hasText: '€250,000.00' }).waitFor();
      await page.locator('.ledger [data-line="committed"] dd', { hasText: '€0.00' }).waitFor();
      await shot(page, 'offer-detail');
    });
  });

  await test('observer: coverage map and charts, no writing', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'observer');
      const links = await navLinks(page);
      assert(!links.some((l) => /New/.test(l)), `nav ${links}`);
      await navTo(page, 'Coverage');
      await page.locator('svg.map path.region').nth(25).waitFor();
      assert((await page.locator('svg.map path.region').count()) === 26, 'a shape per oblast, Crimea and Kyiv');
      await page.getByLabel('Figure shown').selectOption('count');
      assert((await page.getByRole('heading', { name: 'Unfunded critical needs (priority 5)' }).count()) === 0, 'observers get aggregates only');
      await page.locator('figure.chart canvas').first().waitFor();
      await shot(page, 'coverage');
    });
  });

  await test('implementer: home, inbox and allocations', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'implementer');
      const links = await navLinks(page);
      assert(JSON.stringify(links) === JSON.stringify(['Home', 'Inbox', 'Allocations', 'Needs']), `nav ${links}`);
      await shot(page, 'home-implementer');
      // The inbox: its notices (if the demo assigned any) or nothing to show.
      await navTo(page, 'Inbox');
      await page.getByRole('heading', { name: 'Notifications' }).waitFor();
      await page.getByText(/^\d+ unread on this page$/).waitFor();
      await shot(page, 'inbox-implementer-home');
      await navTo(page, 'Allocations');
      await page.getByRole('heading', { name: 'Allocations' }).waitFor();
    });
  });

  await test('admin: organisations and users, no content', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'admin');
      const links = await navLinks(page);
      assert(JSON.stringify(links) === JSON.stringify(['Home', 'Organisations', 'Users', 'Audit trail']), `nav ${links}`);
      await navTo(page, 'Organisations');
      await page.getByLabel('Name').fill('Kherson regional hospital');
      await page.getByLabel('Kind').selectOption('beneficiary');
      await page.getByLabel('Country (two letters)').fill('UA');
      await page.getByRole('button', { name: 'Add organisation' }).click();
      await page.getByRole('cell', { name: 'Kherson regional hospital' }).waitFor();
      await shot(page, 'organisations');
      await navTo(page, 'Users');
      await page.locator('tbody tr').first().waitFor();
      await shot(page, 'users');
    });
  });

  await test('front office: NIS2 assessment, then draft needs from its gaps', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'front_office');
      await navTo(page, 'Assessments');
      await page.getByRole('link', { name: 'New NIS2 assessment' }).click();
      const org = page.getByLabel('For organisation');
      await org.locator('option').nth(1).waitFor({ state: 'attached' });
      await org.selectOption({ label: 'Kharkiv Regional Power Distribution' });
      await page.getByLabel('Title', { exact: true }).fill('NIS2 baseline: Kharkiv grid operator');
      await page.getByLabel('Sector').selectOption('energy');
      await page.getByLabel('Region').selectOption('UA-63');
      await page.getByLabel('Criticality (1–5)').selectOption('4');
      await page.getByLabel('b) Incident handling — Score').selectOption('1');
      await page.getByLabel('b) Incident handling — Evidence').fill('No SOC; incidents handled ad hoc by e-mail');
      await page.getByLabel('j) Multi-factor authentication and secure communications — Score').selectOption('0');
      await page.getByText('2 measures will become draft needs.').waitFor();
      await shot(page, 'assessment-form');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByText('NIS2 baseline: Kharkiv grid operator').waitFor();
      await page.getByText('TLP:AMBER+STRICT').waitFor();
      await page.getByRole('button', { name: 'Derive draft needs from the gaps' }).click();
      await page.getByText('Draft needs from this assessment (2)').waitFor();
      assert((await page.locator('tbody .status-draft').count()) === 2, 'two draft needs');
      await shot(page, 'assessment');
    });
  });

  await test('back office: duplicate candidates side by side, reject needs a reason, reclassify', async () => {
    const asFront = await apiAs(base, 'front_office');
    const orgs = await asFront('GET', '/api/v1/organisations?limit=200');
    const org = orgs.body.items.find((o) => o.name === 'Odesa Water Utility').id;
    const twin = { org, description: 'Replace the SCADA historian server and harden its remote access gateway', sector: 'drinking-water', region: 'UA-51', category: 'equipment', amount: 30000, priority: 3 };
    for (const title of ['Odesa water SCADA historian replacement', 'Odesa water SCADA historian replacement (resubmitted)']) {
      const created = await asFront('POST', '/api/v1/needs', { ...twin, title });
      assert(created.status === 201, `create ${created.status}`);
      const moved = await asFront('POST', `/api/v1/needs/${created.body.id}/transition`, { to: 'submitted' });
      assert(moved.status === 200, `submit ${moved.status}`);
    }
    await withPage(base, async (page) => {
      await signIn(page, 'back_office');
      await navTo(page, 'Validation queue');
      await page.getByRole('button', { name: 'Review “Odesa water SCADA historian replacement (resubmitted)”' }).click();
      const candidate = page.locator('.compare-side').nth(1);
      await candidate.getByRole('link', { name: 'Odesa water SCADA historian replacement', exact: true }).waitFor();
      await candidate.getByText(/Similarity: \d+ %/).waitFor();
      assert(await page.getByRole('button', { name: 'Reject (reason required)' }).isDisabled(), 'reject waits for a reason');
      await page.getByLabel('Priority').selectOption('4');
      await page.getByRole('button', { name: 'Save classification' }).click();
      await page.getByRole('button', { name: 'Review “Odesa water SCADA historian replacement (resubmitted)”' }).click();
      await shot(page, 'queue-review');
      await page.getByLabel('Reason').fill('Same SCADA historian need, submitted twice');
      await page.getByRole('button', { name: 'Mark as duplicate of this candidate (reason required)' }).click();
      await page.getByRole('button', { name: 'Review “Odesa water SCADA historian replacement (resubmitted)”' }).waitFor({ state: 'detached' });
    });
  });

  await test('the whole chain through the UI: intake to verified delivery', async () => {
    const title = 'Chain: SOC onboarding for the Kharkiv grid';
    let donorName = '';
    // 1. Front office takes the need in for the beneficiary and submits it.
    await withPage(base, async (page) => {
      await signIn(page, 'front_office');
      await navTo(page, 'New need');
      const org = page.getByLabel('For organisation');
      await org.locator('option').nth(1).waitFor({ state: 'attached' });
      await org.selectOption({ label: 'Kharkiv Regional Power Distribution' });
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Description').fill('24/7 monitoring of the SCADA network for one year');
      await page.getByLabel('Sector').selectOption('energy');
      await page.getByLabel('Region').selectOption('UA-63');
      await page.getByLabel('Category').selectOption('consulting');
      await page.getByLabel('Amount (EUR)').fill('20000');
      await page.getByLabel('Priority').selectOption('5');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByText(title).waitFor();
      await page.getByRole('button', { name: /Submitted/ }).click();
      await page.locator('.labels .status-submitted').waitFor();
    });
    // 2-5. Back office validates and publishes, runs matching, builds the
    // proposals and decides in a coordination meeting.
    await withPage(base, async (page) => {
      await signIn(page, 'back_office');
      await navTo(page, 'Validation queue');
      await page.getByRole('button', { name: `Review “${title}”` }).click();
      await page.getByRole('button', { name: 'Validate' }).click();
      await page.getByRole('button', { name: `Review “${title}”` }).waitFor({ state: 'detached' });
      await navTo(page, 'Needs');
      await page.getByLabel('Search words').fill('SOC onboarding Kharkiv');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('button', { name: /Published/ }).click();
      await page.locator('.labels .status-published').waitFor();
      await navTo(page, 'Matching');
      await page.getByLabel('Time limit (seconds)').fill('5');
      await page.getByRole('button', { name: 'Run matching' }).click();
      await page.getByRole('heading', { name: /Matching run/ }).waitFor({ timeout: 30000 });
      await page.getByText('Shadow price per offer').waitFor();
      // Needs and offers are named by title, never by a bare short id; the
      // run's rows are paged, and the chain's need is on one of the pages.
      const runTable = page.locator('table', { has: page.getByText(/Allocations found/) });
      await runTable.locator('tbody tr td a').first().waitFor();
      const cells = await runTable.locator('tbody tr td:first-child').allInnerTexts();
      assert(cells.length > 0 && cells.length <= 25 && cells.every((c) => c !== 'Loading…' && !/^[0-9a-f]{8}$/.test(c.trim())), `run rows: ${cells.slice(0, 3)}`);
      for (let turn = 0; (await runTable.getByRole('link', { name: title }).count()) === 0; turn++) {
        assert(turn < 200, 'the chain need is in the run');
        await page.getByRole('navigation', { name: 'Pages of the run’s allocations' }).getByRole('button', { name: 'Next page' }).click();
        await page.getByText(`Page ${turn + 2} of`).first().waitFor();
        await page.waitForFunction(() => !document.querySelector('main table span.muted'));
      }
      await shot(page, 'matching');
      await page.getByRole('button', { name: 'Build proposals from this run' }).click();
      await page.getByText(/allocations proposed for the coordination group/).waitFor();
      await navTo(page, 'Meetings');
      await page.getByLabel('Title').fill('Coordination group, 26 November');
      await page.getByLabel('Agenda').fill('1. Proposals from the latest matching run');
      const attendance = page.getByRole('group', { name: 'Attendance' });
      const authority = attendance.getByRole('checkbox', { name: /\(Ukrainian authority\)/ }).first();
      await authority.check();
      const authorityName = (await authority.locator('xpath=..').innerText()).replace(/\s*\(Ukrainian authority\)\s*$/, '').trim();
      await attendance.getByRole('checkbox', { name: /\(Observer\)/ }).first().check();
      await shot(page, 'meeting-new');
      await page.getByRole('button', { name: 'Create meeting' }).click();
      await page.locator('ul.attendance li', { hasText: authorityName }).waitFor();
      assert((await page.locator('ul.attendance li').count()) === 2, 'two organisations attend');
      await page.getByRole('button', { name: 'Open the meeting' }).click();
      // The agenda is paged; the filter finds the chain's proposal by its title.
      await page.getByLabel('Find needs in this meeting (words of the title)').fill('SOC onboarding Kharkiv');
      await page.getByRole('button', { name: `Approve “${title}”` }).waitFor();
      await page.getByLabel(`Reason for the decision on “${title}”`).fill('Critical gap, eligible donor');
      await shot(page, 'meeting');
      await page.getByRole('button', { name: `Approve “${title}”` }).click();
      await page.getByRole('cell', { name: 'Critical gap, eligible donor', exact: true }).waitFor();
      // The group corrects its decision (a new decision naming the earlier
      // one), then decides the deferred proposal again from the agenda.
      await page.getByLabel(`Reason for correcting the decision on “${title}”`).fill('Await the donor’s budget confirmation');
      assert((await page.getByRole('button', { name: `Correct to approve “${title}”` }).count()) === 0, 'no correction to the same decision');
      await shot(page, 'meeting-correction');
      await page.getByRole('button', { name: `Correct to defer “${title}”` }).click();
      const correctionRow = page.locator('tr', { has: page.getByRole('cell', { name: 'Await the donor’s budget confirmation', exact: true }) });
      await correctionRow.getByText(/^Approve, /).waitFor();
      await page.getByLabel(`Reason for the decision on “${title}”`).fill('Budget confirmed');
      await page.getByRole('button', { name: `Approve “${title}”` }).click();
      await page.getByRole('cell', { name: 'Budget confirmed', exact: true }).waitFor();
      await page.getByRole('link', { name: title }).first().click();
      await page.locator('.labels .status-approved').waitFor();
      donorName = (await page.locator('.facts dd').first().innerText()).trim();
      await page.getByText(/Coordination group corrected its decision: Defer \(Await the donor’s budget confirmation\)/).waitFor();
      await page.getByText(/Coordination group: Approve \(Budget confirmed\)/).waitFor();
      await shot(page, 'allocation-corrected');
    });
    // The approved allocation's donor may not be the demo donor's country:
    // the admin gives that donor organisation a desk officer.
    const desk = `desk-${Date.now()}@donor.example`;
    await withPage(base, async (page) => {
      await signIn(page, 'admin');
      await navTo(page, 'Users');
      await page.getByLabel('Organisation').selectOption({ label: donorName });
      await page.getByLabel('Email').fill(desk);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByRole('cell', { name: desk, exact: true }).waitFor();
    });
    // 6-7. The donor commits and assigns the implementer.
    await withPage(base, async (page) => {
      await page.goto('/');
      await page.getByLabel('Email').fill(desk);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await navTo(page, 'Allocations');
      // Found by its state: a donor may see only the need's sector, not its title.
      await page.locator('tbody tr', { has: page.locator('.status-approved') }).getByRole('link').first().click();
      await page.getByRole('button', { name: 'Commit' }).click();
      await page.locator('.labels .status-committed').waitFor();
      await page.getByLabel('Implementer').selectOption({ label: 'SecureLink Deliveries (implementer)' });
      await page.getByRole('button', { name: 'Assign implementer' }).click();
      await page.locator('.facts').getByText('SecureLink Deliveries (implementer)').waitFor();
      await shot(page, 'allocation-donor');
      // The offer is named by its title and shows its ledger: this
      // commitment among its committed money, and the allocation behind it.
      const offerLink = page.locator('.facts a[href^="/offers/"]');
      assert(!/^[0-9a-f]{8}$/.test((await offerLink.innerText()).trim()), 'offer named by title');
      await offerLink.click();
      await page.getByRole('heading', { name: /Ledger of this offer \([A-Z]{3}\)/ }).waitFor();
      const committed = await page.locator('.ledger [data-line="committed"] dd').innerText();
      assert(/[1-9]/.test(committed), `committed ${committed}`);
      await page.locator('table', { has: page.getByText(/Allocations from this offer/) }).locator('.status-committed').first().waitFor();
      await page.getByText('TLP:', { exact: false }).first().waitFor();
      await shot(page, 'offer-ledger');
    });
    // 8. The implementer reports the delivery complete.
    await withPage(base, async (page) => {
      await signIn(page, 'implementer');
      // The assignment arrives in the implementer's inbox and leads to the allocation.
      await navTo(page, 'Inbox');
      const assigned = page.locator('tbody tr[data-kind="allocation.assigned"]').first();
      await assigned.getByText('An implementer was assigned').waitFor();
      await assigned.getByText(/^TLP:/).waitFor();
      await shot(page, 'inbox-implementer');
      await assigned.getByRole('link').click();
      await page.locator('.labels .status-committed').waitFor();
      // A file that is not PDF, PNG or JPEG is refused before sending.
      await page.getByLabel('Attachment (PDF, PNG or JPEG, at most 512 KiB)').setInputFiles({ name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<svg onload=alert(1)>') });
      await page.getByText('Only PDF, PNG and JPEG files can be attached.').waitFor();
      assert(await page.getByRole('button', { name: 'Report progress' }).isDisabled(), 'no report with a refused file');
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2040, 7)]);
      await page.getByLabel('Attachment (PDF, PNG or JPEG, at most 512 KiB)').setInputFiles({ name: 'rack-photo.png', mimeType: 'image/png', buffer: png });
      await page.getByText('Ready to send: rack-photo.png (2 KiB)').waitFor();
      await page.getByLabel('Progress (%)').fill('60');
      await page.getByLabel('Note').fill('Sensors installed');
      await page.getByLabel('Milestone').fill('Sensors');
      await page.getByRole('button', { name: 'Report progress' }).click();
      await page.locator('.labels .status-delivering').waitFor();
      await page.getByText(/Progress reported: 60 % \(Sensors installed\); Milestone: Sensors; attachment: rack-photo\.png \(2 KiB\)/).waitFor();
      await shot(page, 'allocation-report-attachment');
      await page.getByLabel('Progress (%)').fill('100');
      await page.getByLabel('Note').fill('SOC live since 20 November; handover signed');
      await page.getByRole('button', { name: 'Report progress' }).click();
      await page.locator('.labels .status-delivered').waitFor();
      await page.getByText(/Progress reported: 100 %/).waitFor();
    });
    // 9. The beneficiary verifies the delivery; the need is verified.
    await withPage(base, async (page) => {
      await signIn(page, 'beneficiary');
      // The need's owner learnt each step in its inbox; the delivery notice
      // leads to the allocation to verify, and following it marks it read.
      await navTo(page, 'Inbox');
      const delivered = page.locator('tbody tr[data-kind="allocation.delivered"]', { hasText: title }).first();
      await delivered.getByText('Unread').waitFor();
      for (const kind of ['allocation.approved', 'allocation.deferred', 'allocation.committed', 'allocation.assigned', 'allocation.reported']) {
        await page.locator(`tbody tr[data-kind="${kind}"]`, { hasText: title }).first().waitFor();
      }
      await shot(page, 'inbox-beneficiary');
      await delivered.getByRole('link', { name: title }).click();
      await page.getByRole('button', { name: 'Verify delivery' }).waitFor();
      await navTo(page, 'Inbox');
      await page.locator('tbody tr[data-kind="allocation.delivered"]', { hasText: title }).first().getByText('Read', { exact: true }).waitFor();
      await navTo(page, 'Allocations');
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('button', { name: 'Verify delivery' }).click();
      await page.locator('.labels .status-verified').waitFor();
      await page.getByRole('link', { name: title }).click();
      await page.locator('.labels .status-verified').waitFor();
      await page.getByText(/Coordination group: Approve \(Critical gap, eligible donor\)/).waitFor();
      await page.getByText(/attachment: rack-photo\.png/).waitFor();
      await shot(page, 'need-verified');
    });
  });

  await test('exports cover the whole visible list, neutralised; IATI for the donor', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'front_office');
      const asFront = await apiAs(base, 'front_office');
      const { body } = await asFront('GET', '/api/v1/needs/count');
      await navTo(page, 'Needs');
      await page.locator('tbody tr').first().waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const text = readFileSync(await download.path(), 'utf8');
      const rows = text.trim().split('\r\n');
      assert(rows.length === body.count + 1, `CSV has ${rows.length - 1} rows for ${body.count} visible needs`);
      assert(!/(^|,)[=+\-@]/.test(rows.slice(1).join('\n').replace(/"[^"]*"/g, '')), 'no cell starts a formula');
    });
    await withPage(base, async (page) => {
      await signIn(page, 'donor');
      await navTo(page, 'Portfolio');
      await page.getByRole('heading', { name: 'Donor portfolios' }).waitFor();
      await page.locator('tbody tr').first().waitFor();
      await shot(page, 'portfolio');
      await navTo(page, 'Allocations');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export IATI 2.03 XML' }).click()]);
      const xml = readFileSync(await download.path(), 'utf8');
      assert(xml.includes('<iati-activities version="2.03"'), 'IATI root');
      await shot(page, 'allocations-donor');
    });
  });

  await test('XSS: stored markup in a need renders as text, no script runs', async () => {
    const asBeneficiary = await apiAs(base, 'beneficiary');
    const svg = '<svg onload=alert(1)>';
    const img = '<img src=x onerror=alert(2)>';
    const created = await asBeneficiary('POST', '/api/v1/needs', {
      title: svg, description: `${img} <script>alert(3)</script>`, sector: 'energy', region: 'UA-30',
      category: 'software', amount: 100, priority: 2,
    });
    assert(created.status === 201, `create ${created.status}`);
    await withPage(base, async (page) => {
      await signIn(page, 'beneficiary');
      await navTo(page, 'Needs');
      await page.getByRole('link', { name: svg }).waitFor();
      await page.getByRole('link', { name: svg }).click();
      await page.getByText(img, { exact: false }).waitFor();
      assert((await page.locator('main svg[onload], main img[onerror], main script').count()) === 0, 'markup was parsed');
      await page.waitForTimeout(300);
      await shot(page, 'xss');
    });
  });

  await test('locale switch to Ukrainian, remembered across reloads', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'back_office');
      await page.getByLabel('Language').selectOption('uk');
      await page.getByRole('navigation', { name: 'Головне меню' }).getByRole('link', { name: 'Потреби', exact: true }).click();
      await page.getByRole('heading', { name: 'Потреби' }).waitFor();
      await page.getByRole('columnheader', { name: 'Сума (EUR)' }).waitFor();
      assert((await page.locator('html').getAttribute('lang')) === 'uk', 'html lang');
      await page.reload();
      await page.getByRole('button', { name: 'Вийти' }).waitFor();
      const amount = await page.locator('tbody td.num').first().innerText();
      assert(/,\d\d\s?(EUR|€)$/.test(amount), `Ukrainian money format: ${amount}`);
      await shot(page, 'needs-uk');
      await page.getByRole('navigation', { name: 'Головне меню' }).getByRole('link', { name: 'Вхідні', exact: true }).click();
      await page.getByRole('heading', { name: 'Сповіщення' }).waitFor();
      await page.getByRole('columnheader', { name: 'Що сталося' }).waitFor();
      await page.locator('tbody tr').first().getByText(/^TLP:/).waitFor();
      await page.getByText('Потребу подано на перевірку').first().waitFor();
      await shot(page, 'inbox-uk');
      await page.getByLabel('Мова').selectOption('en');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    }, { locale: 'en' });
  });

  await test('tablet width: navigation and tables stay usable', async () => {
    await withPage(base, async (page) => {
      await signIn(page, 'front_office');
      await navTo(page, 'Needs');
      await page.locator('tbody tr').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 1, `page scrolls sideways by ${overflow}px`);
      await shot(page, 'needs-tablet');
    }, { viewport: { width: 768, height: 1024 } });
  });

  await test('keyboard: skip link and sign-in by keyboard alone', async () => {
    await withPage(base, async (page) => {
      await page.goto('/');
      await page.getByLabel('Email').waitFor();
      await page.keyboard.press('Tab');
      assert((await page.evaluate(() => document.activeElement?.textContent)) === 'Skip to content', 'skip link first');
      await page.getByLabel('Email').focus();
      await page.keyboard.type(email('donor'));
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    });
  });
}

try {
  await main();
} catch (error) {
  failed++;
  console.log(`FAIL setup: ${error.stack ?? error}`);
} finally {
  await browser?.close().catch(() => undefined);
  server?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(`web e2e: ${passed} passed, ${failed} failed; screenshots in ${artifacts}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
