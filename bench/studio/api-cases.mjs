// The calls Studio's pages make, timed from Node without a browser: request, full answer and
// JSON.parse, one at a time over a keep-alive connection. Beside the browser figures, the
// difference is what the page adds (loading the app, rendering, drawing).
import { summarize } from './stats.mjs';

/**
 * A query string of the job list's requests (see pages/jobs/jobs-page.tsx): pages of 200 rows,
 * and the total counted by a separate request (`count`, one row) once the rows are shown.
 */
export function listQuery({ experiment, filter, pageToken, count = false }) {
  const q = new URLSearchParams();
  if (experiment) q.set('experiment', experiment);
  if (filter) q.set('filter', filter);
  q.set('max_results', count ? '1' : '200');
  if (pageToken) q.set('page_token', pageToken);
  if (count) q.set('count', 'true');
  return q.toString();
}

async function getJson(url) {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} -> ${response.status}: ${text.slice(0, 300)}`);
  return { json: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

/**
 * Times each case `rounds` times after one untimed call. `cases` are `{ name, what, url }` or,
 * for a deep page, `{ name, what, url, walk }` where `walk()` resolves the URL to time.
 * Returns name → `{ what, median, p95, min, max, n, bytes, items }`.
 */
export async function timeApiCases(cases, rounds) {
  const results = {};
  for (const c of cases) {
    const url = c.walk ? await c.walk() : c.url;
    let last = await getJson(url);
    const times = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      last = await getJson(url);
      times.push(performance.now() - t0);
    }
    const items = Array.isArray(last.json.value) ? last.json.value.length : Array.isArray(last.json.values) ? last.json.values.length : undefined;
    results[c.name] = { what: c.what, ...summarize(times), bytes: last.bytes, items, ...(last.json.total !== undefined ? { total: last.json.total } : {}) };
  }
  return results;
}

/** The URL of page `pages + 1` of a list query (walking the keyset tokens of the pages before). */
export async function deepPageUrl(base, query, pages) {
  let token;
  for (let p = 0; p < pages; p++) {
    const { json } = await getJson(`${base}?${listQuery({ ...query, pageToken: token })}`);
    token = json.next_page_token;
    if (!token) throw new Error(`the list ends before page ${pages + 1}`);
  }
  return `${base}?${listQuery({ ...query, pageToken: token })}`;
}
