// Studio's pages measured in Chromium. Every case opens a fresh browser context (empty HTTP
// cache, no storage, nothing kept from an earlier page), so each load is a cold load of the app
// from the server, as a new tab is.
//
// Clocks: all times are the page's own `performance.now()`, whose zero is the navigation start.
// A condition ("rows shown", "chart drawn") is seen by a MutationObserver the moment the DOM
// meets it (`…:dom`); it counts as *visible* at the end of the next animation frame (a
// requestAnimationFrame callback, then a message posted from it: after that frame's paint).
import { summarize } from './stats.mjs';

const ROWS = '[data-testid=job-list][data-state=ready] [data-testid=job-row]';

/** Installed in every document before its scripts run: `window.__bench` with marks and watches. */
function benchInit(watches) {
  const marks = {};
  const pending = new Map();
  const afterFrame = (name) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        marks[`${name}:visible`] = performance.now();
      };
      channel.port2.postMessage(0);
    });
  const check = () => {
    for (const [name, test] of pending) {
      let met = false;
      try {
        met = test();
      } catch {
        met = false;
      }
      if (met) {
        pending.delete(name);
        marks[`${name}:dom`] = performance.now();
        afterFrame(name);
      }
    }
  };
  // `{ selector, count }`: that many elements match. With `inView: true`, the elements that
  // intersect the viewport must also have data-state=ready (charts below the fold may wait).
  const inViewport = (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  for (const [name, { selector, count, inView }] of Object.entries(watches)) {
    pending.set(name, () => {
      const els = [...document.querySelectorAll(selector)];
      if (els.length < (count ?? 1)) return false;
      if (!inView) return true;
      const shown = els.filter(inViewport);
      return shown.length > 0 && shown.every((el) => el.dataset.state === 'ready');
    });
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  window.__bench = {
    marks,
    watch(name, test) {
      pending.set(name, test);
      check();
    },
    mark(name) {
      marks[name] = performance.now();
    },
  };
}

async function openPage(browser, url, watches) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await context.addInitScript(benchInit, watches);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(url, { waitUntil: 'commit' });
  return { context, page };
}

/** Waits until mark `name` is set in the page; returns the marks, or undefined after `timeout` ms. */
async function waitMark(page, name, timeout = 60_000) {
  try {
    await page.waitForFunction((n) => window.__bench.marks[n] !== undefined, name, { timeout, polling: 50 });
  } catch (error) {
    if (error?.name === 'TimeoutError') return undefined;
    throw error;
  }
  return page.evaluate(() => ({ ...window.__bench.marks }));
}

/** The first resource timing whose URL contains `part` (start, response end, bytes), if any. */
function resourceTiming(page, part) {
  return page.evaluate((p) => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.includes(p));
    return entry ? { start: entry.startTime, end: entry.responseEnd, bytes: entry.encodedBodySize } : undefined;
  }, part);
}

/**
 * (a) Cold load of `path` (a job list) until its first rows are visible; with `filter`, then
 * (c) on the same page: the filter typed into the box, and Enter → the filtered rows visible.
 */
export async function listLoad(browser, base, path, filter) {
  const { context, page } = await openPage(browser, `${base}${path}`, { rows: { selector: ROWS } });
  try {
    const marks = await waitMark(page, 'rows:visible');
    if (!marks) throw new Error(`${path}: no rows within 60 s`);
    const api = await resourceTiming(page, '/runs?');
    const experiments = await resourceTiming(page, '/experiments');
    const info = await page.evaluate(() => {
      const list = document.querySelector('[data-testid=job-list]');
      const nav = performance.getEntriesByType('navigation')[0];
      return { domRows: list.querySelectorAll('[data-testid=job-row]').length, domContentLoaded: nav.domContentLoadedEventEnd };
    });
    const load = { visible: marks['rows:visible'], dom: marks['rows:dom'], api, experiments, ...info };
    if (!filter) return { load };

    await page.evaluate((text) => {
      window.addEventListener('keydown', (e) => e.key === 'Enter' && window.__bench.mark('enter'), { capture: true });
      window.__bench.watch('filtered', () => {
        const list = document.querySelector('[data-testid=job-list]');
        return list?.dataset.state === 'ready' && JSON.parse(list.dataset.query).filter === text && list.querySelector('[data-testid=job-row]') !== null;
      });
    }, filter);
    await page.fill('[data-testid=filter-input]', filter);
    await page.press('[data-testid=filter-input]', 'Enter');
    const after = await waitMark(page, 'filtered:visible');
    if (!after) throw new Error(`filter ${filter}: no rows within 60 s`);
    const filteredApi = await resourceTiming(page, 'filter=');
    return {
      load,
      filter: { ms: after['filtered:visible'] - after.enter, domMs: after['filtered:dom'] - after.enter, apiMs: filteredApi ? filteredApi.end - filteredApi.start : undefined },
    };
  } finally {
    await context.close();
  }
}

/** In the page: scrolls the list box `rows` rows down, `step` rows at a time; see scrollList. */
async function scrollInPage({ rows, step }) {
  const box = document.querySelector('[data-testid=job-list-scroll]');
  const list = document.querySelector('[data-testid=job-list]');
  const head = box.querySelector('.vlist-head')?.offsetHeight ?? 0;
  const rowHeight = box.querySelector('[data-testid=job-row]').offsetHeight;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const covered = (y) => {
    for (const el of box.querySelectorAll('[data-testid=job-row]')) if (el.offsetTop <= y && el.offsetTop + el.offsetHeight > y) return true;
    return false;
  };
  const frames = [];
  let running = true;
  const loop = (async () => {
    let last = await frame();
    while (running) {
      const t = await frame();
      frames.push(t - last);
      last = t;
    }
  })();
  // Long tasks (main thread busy over 50 ms) tell the app's own stalls from a busy machine.
  const longTasks = [];
  const observer = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const rowsBefore = Number(list.dataset.rows);
  const steps = [];
  const started = performance.now();
  for (let target = step; target <= rows; target += step) {
    const top = target * rowHeight;
    const t0 = performance.now();
    let waitedForPage = false;
    let count = 0;
    box.scrollTop = top;
    for (;;) {
      await frame();
      count += 1;
      if (performance.now() - t0 > 60_000) throw new Error(`row ${target} not shown within 60 s`);
      if (box.scrollTop < top - 1) {
        // The list ends above the target: the next page is loading (or about to).
        waitedForPage = true;
        if (box.scrollHeight - box.clientHeight >= top) box.scrollTop = top;
        continue;
      }
      if (covered(box.scrollTop + head + 1) && covered(box.scrollTop + box.clientHeight - 1)) break;
    }
    steps.push({ ms: performance.now() - t0, frames: count, waitedForPage });
  }
  const totalMs = performance.now() - started;
  running = false;
  await loop;
  for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
  observer.disconnect();
  return { steps, frames, longTasks, totalMs, rowHeight, rowsBefore, rowsAfter: Number(list.dataset.rows) };
}

/**
 * (b) Scrolling: after a cold load of `path`, the list box is scrolled `rows` rows down in steps
 * of `step` rows, one step once the previous one is on screen. Per step: the time (and frames)
 * from setting scrollTop until rows cover the box top to bottom at the new position, including
 * waiting for the next page of 200 when the loaded rows end. Frame times: every
 * requestAnimationFrame interval during the whole scroll.
 */
export async function scrollList(browser, base, path, rows, step) {
  const { context, page } = await openPage(browser, `${base}${path}`, { rows: { selector: ROWS } });
  try {
    if (!(await waitMark(page, 'rows:visible'))) throw new Error(`${path}: no rows within 60 s`);
    return await page.evaluate(scrollInPage, { rows, step });
  } finally {
    await context.close();
  }
}

/**
 * (d) Metric charts: a cold load of `/jobs/<run>?tab=metrics` until `count` elements match
 * `selector` (with `inView`: and those on screen are drawn, `data-state=ready`). Resolves
 * undefined when that does not happen within `timeout` ms (the page does not draw them).
 * `seriesPart` names the series request, whose timing splits the figure into "until the series
 * arrived" and "after"; `drawn` is how many charts were drawn at that moment.
 */
export async function chartLoad(browser, base, path, selector, count, seriesPart, timeout, inView = false) {
  const { context, page } = await openPage(browser, `${base}${path}`, { chart: { selector, count, inView } });
  try {
    const marks = await waitMark(page, 'chart:visible', timeout);
    if (!marks) return undefined;
    const series = await resourceTiming(page, seriesPart);
    const points = await page.evaluate((s) => document.querySelector(s)?.getAttribute('data-points'), selector);
    const drawn = await page.evaluate(() => document.querySelectorAll('[data-testid=metric-chart][data-state=ready]').length);
    return {
      visible: marks['chart:visible'],
      seriesStart: series?.start,
      seriesEnd: series?.end,
      seriesBytes: series?.bytes,
      afterSeries: series ? marks['chart:visible'] - series.end : undefined,
      points: points === null || points === undefined ? undefined : Number(points),
      drawn,
    };
  } finally {
    await context.close();
  }
}

/**
 * (d, in the app) The job page open on its default tab, then a click on the Metrics tab
 * (`[role=tab][data-tab=metrics]`) until the chart matching `selector` is drawn, timed from the
 * click. Undefined when there is no such tab or no chart within `timeout` ms.
 */
export async function chartTabSwitch(browser, base, path, selector, timeout) {
  const { context, page } = await openPage(browser, `${base}${path}`, {});
  try {
    const tab = page.locator('[role=tab][data-tab=metrics]');
    try {
      await tab.waitFor({ timeout });
    } catch {
      return undefined;
    }
    // The watch starts with the click (a window capture listener runs before the app's own).
    await page.evaluate((s) => {
      const onClick = () => {
        window.__bench.mark('click');
        window.__bench.watch('chart', () => document.querySelector(s) !== null);
      };
      window.addEventListener('click', onClick, { capture: true, once: true });
    }, selector);
    await tab.click();
    const marks = await waitMark(page, 'chart:visible', timeout);
    return marks ? { ms: marks['chart:visible'] - marks.click } : undefined;
  } finally {
    await context.close();
  }
}

/** `summarize` of `pick(x)` over results, skipping undefined values. */
export function over(results, pick) {
  const xs = results.map(pick).filter((x) => typeof x === 'number' && Number.isFinite(x));
  return xs.length ? summarize(xs) : undefined;
}
