#!/usr/bin/env node
// The web UI's flow in a real browser: Debian's Chromium driven by playwright-core (never a
// browser download). It takes a base URL, so it runs against the images on Docker
// (tests/docker) and against the cluster's web Service (tests/e2e) alike.
//
//   node tests/web/browser-flow.mjs --base-url http://127.0.0.1:8081 --mode demo --screenshots DIR
//   node tests/web/browser-flow.mjs --base-url URL --mode auth --jwt-secret SECRET
//
// demo: sign in by name, "add a task to buy milk", the chip and the task appear, the chip
// expands, Shift+Enter adds a line, a reload keeps the conversation, the task is completed from
// the list, "New conversation" empties the chat, screenshots at 1280 and 390 px.
// auth: the token prompt, a bad token rejected with the prompt shown again, a good one accepted,
// and a token that turns bad sends the user back to the prompt.
// Prints one line per step; exits 0 when every step passed, 1 with the failing step otherwise.

import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(new URL('../../services/web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const { values: options } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    mode: { type: 'string', default: 'demo' },
    screenshots: { type: 'string' },
    'jwt-secret': { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    'timeout-ms': { type: 'string', default: '15000' },
  },
});
const base = options['base-url']?.replace(/\/$/, '');
if (!base || !['demo', 'auth'].includes(options.mode) || (options.mode === 'auth' && !options['jwt-secret'])) {
  console.error('usage: browser-flow.mjs --base-url URL [--mode demo|auth] [--jwt-secret S] [--screenshots DIR]');
  process.exit(2);
}
const timeout = Number(options['timeout-ms']);

function step(name) {
  console.log(`step: ${name}`);
}

function jwt(subject, secret) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const signed = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: subject, iat: now, exp: now + 3600 })}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

async function screenshot(page, name) {
  if (!options.screenshots) return;
  mkdirSync(options.screenshots, { recursive: true });
  const path = join(options.screenshots, name);
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
}

async function expectText(locator, pattern, what) {
  await locator.first().waitFor({ timeout });
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.first().innerText();
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: expected ${pattern}, got "${text}"`);
}

async function demoFlow(context) {
  const user = `web-${randomBytes(4).toString('hex')}`;
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);

  step('open the page and sign in by name');
  await page.goto(base + '/');
  await page.locator('#prompt-name').waitFor({ state: 'visible' });
  await page.locator('#prompt-name').fill(user);
  await page.locator('#prompt-name').press('Enter');
  await page.locator('#message').waitFor({ state: 'visible' });
  await expectText(page.locator('.who'), new RegExp(user), 'the signed-in user');

  step('Shift+Enter adds a line, and sends nothing');
  await page.locator('#message').fill('line one');
  await page.locator('#message').press('Shift+Enter');
  await page.locator('#message').pressSequentially('line two');
  const draft = await page.locator('#message').inputValue();
  if (draft !== 'line one\nline two') throw new Error(`Shift+Enter: the composer holds ${JSON.stringify(draft)}`);
  if (await page.locator('.message-user').count()) throw new Error('Shift+Enter sent the message');
  await page.locator('#message').fill('');

  step('send "add a task to buy milk" with Enter');
  await page.locator('#message').fill('add a task to buy milk');
  await page.locator('#message').press('Enter');
  const chip = page.locator('.message-assistant details.chip[data-tool="add_task"]');
  await chip.waitFor();
  await page.waitForFunction(() => document.querySelector('#message')?.value === '', null, { timeout });

  step('the task appears in the list');
  const milk = page.locator('.task-list .task', { hasText: /buy milk/i });
  await milk.waitFor();

  step('the chip expands to its result');
  await chip.locator('summary').click();
  await expectText(chip.locator('pre'), /"result"[\s\S]*buy milk/i, 'the chip detail');
  await screenshot(page, 'web-1280.png');

  step('a reload keeps the conversation');
  await page.reload();
  await page.locator('.message-user', { hasText: 'add a task to buy milk' }).waitFor();
  await page.locator('.message-assistant details.chip[data-tool="add_task"]').waitFor();
  await milk.waitFor();

  step('complete the task from the list');
  await milk.locator('input[type="checkbox"]').check();
  await page.locator('.task-list .task.task-done', { hasText: /buy milk/i }).waitFor();
  const tasks = await (await page.request.get(`${base}/api/${user}/tasks`)).json();
  const stored = tasks.find((task) => /buy milk/i.test(task.title));
  if (!stored?.completed) throw new Error(`the backend does not have the task completed: ${JSON.stringify(tasks)}`);

  step('the filter shows pending and completed tasks apart');
  await page.locator('.filters button[data-filter="pending"]').click();
  await expectText(page.locator('.task-list'), /No pending tasks/, 'the pending filter');
  await page.locator('.filters button[data-filter="completed"]').click();
  await page.locator('.task-list .task.task-done', { hasText: /buy milk/i }).waitFor();
  await page.locator('.filters button[data-filter="all"]').click();

  step('at 390 px wide the page fits without sideways scrolling');
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`the page is ${overflow} px wider than a 390 px viewport`);
  await screenshot(page, 'web-390.png');
  await page.setViewportSize({ width: 1280, height: 800 });

  step('"New conversation" empties the chat, and a reload keeps it empty');
  await page.locator('#new-conversation').click();
  await expectText(page.locator('.conversation'), /Ask for something/, 'the new conversation');
  await page.reload();
  await expectText(page.locator('.conversation'), /Ask for something/, 'the new conversation after a reload');
  await milk.waitFor();
}

async function authFlow(context) {
  const secret = options['jwt-secret'];
  const user = `dora-${randomBytes(3).toString('hex')}`;
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);

  step('open the page: it asks for a token');
  await page.goto(base + '/');
  await page.locator('#prompt-token').waitFor({ state: 'visible' });

  step('a bad token is rejected, and the prompt is shown again');
  await page.locator('#prompt-token').fill(jwt(user, 'not-the-secret'));
  await page.locator('.prompt button[type="submit"]').click();
  await expectText(page.locator('#prompt-error'), /rejected the token/, 'the prompt error');
  await page.locator('#prompt-token').waitFor({ state: 'visible' });
  if (await page.evaluate(() => sessionStorage.getItem('todo-web.token'))) throw new Error('a rejected token was kept');
  await screenshot(page, 'web-auth-rejected.png');

  step('a good token is accepted, and kept in session storage only');
  await page.locator('#prompt-token').fill(jwt(user, secret));
  await page.locator('.prompt button[type="submit"]').click();
  await page.locator('#message').waitFor({ state: 'visible' });
  await expectText(page.locator('.who'), new RegExp(user), 'the signed-in user');
  const kept = await page.evaluate(() => [sessionStorage.getItem('todo-web.token'), localStorage.getItem('todo-web.user')]);
  if (!kept[0] || kept[1] !== null) throw new Error(`token storage: ${JSON.stringify(kept)}`);
  await page.locator('#message').fill('add a task to buy milk');
  await page.locator('#message').press('Enter');
  await page.locator('.message-assistant details.chip[data-tool="add_task"]').waitFor();
  await page.locator('.task-list .task', { hasText: /buy milk/i }).waitFor();

  step('a token that turns bad sends the user back to the prompt');
  await page.evaluate((token) => sessionStorage.setItem('todo-web.token', token), jwt(user, 'rotated-away'));
  await page.reload();
  await page.locator('#prompt-token').waitFor({ state: 'visible' });
  await expectText(page.locator('#prompt-error'), /rejected the token/, 'the prompt error after a 401');
}

// Playwright gives each launch a fresh temporary profile (its own --user-data-dir).
let browser;
let failed = false;
try {
  browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const errors = [];
  context.on('weberror', (error) => errors.push(String(error.error())));
  await (options.mode === 'demo' ? demoFlow(context) : authFlow(context));
  if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
  console.log(`passed: ${options.mode} flow against ${base}`);
} catch (error) {
  failed = true;
  console.error(`failed: ${error instanceof Error ? error.message : error}`);
} finally {
  await browser?.close().catch(() => undefined);
}
process.exit(failed ? 1 : 0);
