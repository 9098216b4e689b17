import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { preview } from 'vite';
import { inject, test } from 'vitest';
import { startApi, startIdp, TEST_CLIENTS, type RunningIdp } from '@ropc-kit/idp';
import type { DemoConfig } from '../src/config.ts';
import { demoDir, resultsDir } from './paths.ts';

type RunningApi = Awaited<ReturnType<typeof startApi>>;

/** What each journey gets: its own servers, browser profile and demo configuration. */
export interface Journey {
  /** The demo's URL (the production build served by `vite preview`). */
  url: string;
  idp: RunningIdp;
  api: RunningApi;
  context: BrowserContext;
  /** The first tab, already on the demo. */
  page: Page;
  /** The IdP's token endpoint path, from discovery. */
  tokenPath: string;
}

/** Options of one journey. */
export interface JourneyOptions {
  /** The IdP's access-token lifetime in seconds. Default 300: nothing expires during the test. */
  accessTokenTtl?: number;
  /** Overrides of the demo's configuration. */
  demo?: Partial<Pick<DemoConfig, 'refreshMargin' | 'automaticRefresh'>>;
  /** The tabs' viewport in CSS pixels. Default 1280 × 900. */
  viewport?: { width: number; height: number };
}

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function screenshotAll(context: BrowserContext, name: string): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  const pages = context.pages();
  for (const [index, page] of pages.entries()) {
    const path = join(resultsDir, `${slug(name)}${pages.length > 1 ? `-tab${String(index + 1)}` : ''}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    console.error(`screenshot of the failed test: ${path}`);
  }
}

/**
 * Defines one browser journey: starts `vite preview` of the build, the IdP and the API on free
 * ports (CORS allowing only the preview's origin), a fresh Chromium profile with the demo
 * configured for those servers, and opens the demo. An uncaught error in a tab fails the
 * journey. On failure it saves a screenshot of every tab to test-results/; it always stops
 * everything it started.
 */
export function journey(name: string, options: JourneyOptions, body: (j: Journey) => Promise<void>): void {
  test(name, async () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    let context: BrowserContext | undefined;
    try {
      const server = await preview({
        root: demoDir,
        logLevel: 'silent',
        build: { outDir: inject('demoDist') },
        preview: { host: '127.0.0.1', port: 0, strictPort: true },
      });
      cleanups.push(() => server.close());
      const url = server.resolvedUrls?.local[0];
      if (url === undefined) throw new Error('vite preview did not report its URL');
      const origin = new URL(url).origin;

      const idp = await startIdp({ port: 0, accessTokenTtl: options.accessTokenTtl ?? 300, corsOrigins: [origin] });
      cleanups.push(() => idp.close());
      const api = await startApi({ idp, port: 0, corsOrigins: [origin] });
      cleanups.push(() => api.close());
      const discovery: unknown = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
      const tokenEndpoint: unknown = typeof discovery === 'object' && discovery !== null ? Reflect.get(discovery, 'token_endpoint') : undefined;
      if (typeof tokenEndpoint !== 'string') throw new Error('IdP discovery has no token_endpoint');

      const profileDir = await mkdtemp(join(tmpdir(), 'ropc-demo-e2e-'));
      cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
        viewport: options.viewport ?? { width: 1280, height: 900 },
      });
      const config: DemoConfig = {
        authority: idp.issuer,
        apiUrl: api.url,
        clientId: TEST_CLIENTS.public.client_id,
        refreshMargin: options.demo?.refreshMargin ?? 10,
        automaticRefresh: options.demo?.automaticRefresh ?? true,
      };
      await context.addInitScript((value) => {
        window.__ROPC_DEMO_CONFIG__ = value;
      }, config);
      // Any uncaught error in any tab fails the journey, even when the page still looks right.
      const pageErrors: string[] = [];
      context.on('weberror', (webError) => pageErrors.push(webError.error().message));
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      idp.clearRequests();
      await body({ url, idp, api, context, page, tokenPath: new URL(tokenEndpoint).pathname });
      if (pageErrors.length > 0) throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
    } catch (error) {
      if (context !== undefined) await screenshotAll(context, name);
      throw error;
    } finally {
      await context?.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  });
}

/** Resolves once `check()` is true; rejects with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Signs in through the demo's LoginForm with the mouse and keyboard, as a user would. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The heading of the signed-in page for `name`. */
export function profileHeading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name: `Hello, ${name}` });
}

/** The heading of the sign-in page. */
export function signInHeading(page: Page) {
  return page.getByRole('heading', { level: 1, name: 'Sign in' });
}

/** Everything in the page's localStorage and sessionStorage. */
export function readStorages(page: Page): Promise<{ local: Record<string, string>; session: Record<string, string> }> {
  return page.evaluate(() => {
    const dump = (storage: Storage): Record<string, string> => {
      const entries: Record<string, string> = {};
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key !== null) entries[key] = storage.getItem(key) ?? '';
      }
      return entries;
    };
    return { local: dump(window.localStorage), session: dump(window.sessionStorage) };
  });
}

/** How many refresh-token grants the IdP received. */
export function refreshCount(idp: RunningIdp): number {
  return idp.requests.filter((request) => request.grantType === 'refresh_token').length;
}

/** `data-updated-at` of the notes list: changes each time the notes are loaded again. */
export async function notesUpdatedAt(page: Page): Promise<number> {
  return Number(await page.getByTestId('notes-updated').getAttribute('data-updated-at', { timeout: 5000 }));
}

/** Clicks "Reload notes" and waits until the notes were loaded again (newer than before). */
export async function reloadNotes(page: Page): Promise<void> {
  const before = await notesUpdatedAt(page);
  await page.getByRole('button', { name: 'Reload notes' }).click();
  await waitFor('the notes to load again', async () => (await notesUpdatedAt(page)) > before, 15_000);
}

/** Waits until the demo shows the access token as expired. */
export async function waitUntilExpired(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.getByTestId('token-state').getByText('Expired', { exact: false }).waitFor({ timeout: timeoutMs });
}

/** Presses Tab until `target` has the keyboard focus; fails when it takes more than `maxPresses`. */
export async function tabTo(page: Page, target: Locator, maxPresses = 30): Promise<void> {
  for (let presses = 0; !(await target.evaluate((element) => element === document.activeElement)); presses++) {
    if (presses >= maxPresses) throw new Error(`${target.toString()} cannot be reached with Tab (${String(maxPresses)} presses)`);
    await page.keyboard.press('Tab');
  }
}
