import type { RunPageResource } from '@lathe/api';
import type { QueryRunsOptions } from '@lathe/sdk/client';
import { lathe } from '../../client.js';
import { prefetch, takePrefetched } from '../../prefetch.js';
import { readListState, toRunQuery } from './run-query.js';

/** Rows the list asks for at a time. */
export const PAGE = 200;

function keyOf(query: QueryRunsOptions): string {
  return `runs:${JSON.stringify(query)}`;
}

/** The list's first page for the URL Studio opens on `/jobs?…`, started before the list exists. */
export function prefetchJobs(query: URLSearchParams): void {
  const runQuery = { ...toRunQuery(readListState(query), Date.now()), maxResults: PAGE };
  void prefetch(keyOf(runQuery), () => lathe.queryRuns(runQuery));
}

/** The first page of `query`: the prefetched answer when it is that query's, else a request. */
export function firstPage(query: QueryRunsOptions, signal: AbortSignal): Promise<RunPageResource> {
  return takePrefetched<RunPageResource>(keyOf({ ...query, maxResults: PAGE })) ?? lathe.queryRuns({ ...query, maxResults: PAGE, signal });
}
