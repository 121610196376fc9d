import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { isTerminal } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import { LatheClient, submitJobFile } from '@lathe/sdk';
import { studioWebRoot } from '../node/index.js';
import { startLatheServerProcess, type LatheServerProcess } from './lathe-server-process.js';

/** Where screenshots go: `test-output/studio/` at the repository root (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../test-output/studio/', import.meta.url));

/** Debian's Chromium unless LATHE_CHROMIUM names another build. */
const CHROMIUM = process.env.LATHE_CHROMIUM ?? '/usr/bin/chromium';

/** Generous for a loaded 2-core machine: every Playwright action and wait may take this long. */
const ACTION_TIMEOUT_MS = 60_000;

/** A real server with Studio, a headless Chromium page on it, and helpers to drive both. */
export interface StudioHarness {
  /** The server: `lathe server start` in a child process. */
  server: LatheServerProcess;
  /** The server's base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  home: string;
  /** A scratch folder for job files. */
  scratch: string;
  client: LatheClient;
  browser: Browser;
  context: BrowserContext;
  /** The page every test drives (one tab, kept for the whole suite). */
  page: Page;
  /** Uncaught errors the page raised (`pageerror`), as messages. */
  pageErrors: string[];
  /** Loads `path` (`/jobs?…`) in the page as a fresh document; returns the page. */
  open(path: string): Promise<Page>;
  /**
   * Writes `files` (path → text) into a new scratch folder and submits `job.yml` from it with
   * the SDK, as `lathe job create --file` does; returns the created job.
   */
  submitJob(files: Record<string, string>): Promise<JobResource>;
  /** Polls the job until it ends; returns it. */
  waitForJob(name: string, timeoutMs?: number): Promise<JobResource>;
  /**
   * Saves the page as `<name>-dark.png` and `<name>-light.png` under {@link SCREENSHOT_DIR}: for
   * each theme, sets `localStorage['lathe.theme']`, reloads, waits for `ready` (a selector), and
   * shoots. The page is left reloaded in the light theme, with the stored choice removed.
   */
  screenshot(name: string, ready: string): Promise<string[]>;
  /** Closes the browser, then the server, and removes the temp folder. */
  close(): Promise<void>;
}

/**
 * Starts a real server in a fresh temp folder (SQLite, local compute, Python from LATHE_PYTHON,
 * default /usr/bin/python3) with `lathe server start` in a child process, and Chromium (headless, no sandbox) with one page.
 * Studio must be built (`npm run build`); Chromium must be installed (`.ci/run` installs it).
 */
export async function startStudio(env: Record<string, string> = {}): Promise<StudioHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (as .ci/run does) or set LATHE_CHROMIUM`);
  const root = await mkdtemp(join(tmpdir(), 'lathe-studio-e2e-'));
  const home = join(root, 'home');
  const scratch = join(root, 'scratch');
  await mkdir(scratch, { recursive: true });
  const server = await startLatheServerProcess(home, { LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3', ...env });
  let browser: Browser | undefined;
  try {
    if (!existsSync(join(studioWebRoot, 'index.html'))) throw new Error('Studio is not built: run `npm run build` (it builds packages/studio/dist/web)');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    const client = new LatheClient({ url: server.url });
    const openedBrowser = browser;

    const harness: StudioHarness = {
      server,
      url: server.url,
      home,
      scratch,
      client,
      browser: openedBrowser,
      context,
      page,
      pageErrors,
      async open(path) {
        await page.goto(`${server.url}${path}`);
        return page;
      },
      async submitJob(files) {
        const folder = await mkdtemp(join(scratch, 'job-'));
        for (const [path, text] of Object.entries(files)) {
          await mkdir(dirname(join(folder, path)), { recursive: true });
          await writeFile(join(folder, path), text);
        }
        return (await submitJobFile(client, join(folder, 'job.yml'))).job;
      },
      async waitForJob(name, timeoutMs = 180_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const job = await client.getJob(name);
          if (isTerminal(job.status)) return job;
          if (Date.now() > deadline) throw new Error(`job ${name} is still ${job.status} after ${timeoutMs / 1000} s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      async screenshot(name, ready) {
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        const files: string[] = [];
        for (const theme of ['dark', 'light'] as const) {
          await page.evaluate((t) => (globalThis as unknown as { localStorage: Storage }).localStorage.setItem('lathe.theme', t), theme);
          await page.reload();
          await page.locator(`html[data-theme=${theme}]`).waitFor({ state: 'attached' });
          await page.locator(ready).first().waitFor();
          const file = join(SCREENSHOT_DIR, `${name}-${theme}.png`);
          await page.screenshot({ path: file, animations: 'disabled' });
          files.push(file);
        }
        await page.evaluate(() => (globalThis as unknown as { localStorage: Storage }).localStorage.removeItem('lathe.theme'));
        return files;
      },
      async close() {
        await openedBrowser.close();
        await server.close();
        await rm(root, { recursive: true, force: true });
      },
    };
    return harness;
  } catch (error) {
    await browser?.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** The Web Storage calls the harness makes in the page (Node's types have no DOM). */
interface Storage {
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
