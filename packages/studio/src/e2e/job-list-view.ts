import type { Page } from 'playwright-core';

/** A row of the job list as the page shows it. */
export interface JobListRow {
  id: string;
  status: string;
  /** The Name cell's text. */
  name: string;
}

/** The job list's DOM contract, read at one moment (see pages/jobs/jobs-page.tsx). */
export interface JobListView {
  /** `ready` once the rows shown are the answer to `query`; `loading` before. */
  state: string;
  /** The list state the page holds (`data-query`), parsed. */
  query: { filter?: string; statuses?: string[]; order?: string; columns?: string[]; experiment?: string };
  total: number | undefined;
  /** The rows in the DOM (virtualised: those in view and near it), top to bottom. */
  rows: JobListRow[];
}

/** The few DOM calls the reader makes in the page (Node's types have no DOM). */
interface DomElement {
  offsetTop: number;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

/**
 * Reads the job list in one go (one consistent moment of the page), or undefined when the page
 * shows none (the app loading, an empty state).
 */
export async function readJobList(page: Page): Promise<JobListView | undefined> {
  const raw = await page.evaluate(() => {
    const document = (globalThis as unknown as { document: DomElement }).document;
    const list = document.querySelector('[data-testid=job-list]');
    if (!list) return undefined;
    const rows = [...list.querySelectorAll('[data-testid=job-row]')]
      .map((el) => ({
        top: el.offsetTop,
        id: el.getAttribute('data-run-id') ?? '',
        status: el.getAttribute('data-status') ?? '',
        name: (el.querySelector('[data-col=name]')?.textContent ?? '').trim(),
      }))
      .sort((a, b) => a.top - b.top)
      .map(({ id, status, name }) => ({ id, status, name }));
    return { state: list.getAttribute('data-state'), query: list.getAttribute('data-query'), total: list.getAttribute('data-total'), rows };
  });
  if (!raw) return undefined;
  return {
    state: raw.state ?? '',
    query: JSON.parse(raw.query ?? '{}') as JobListView['query'],
    total: raw.total ? Number(raw.total) : undefined,
    rows: raw.rows,
  };
}
