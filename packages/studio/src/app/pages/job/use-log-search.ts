import { useEffect, useState } from 'react';
import type { LogSearchResult } from '@lathe/sdk/client';
import { lathe } from '../../client.js';
import { useAsync } from '../../use-async.js';

/** Typing pauses this long before a search goes to the server. */
const DEBOUNCE_MS = 250;

/**
 * The log's lines that contain `needle`, searched on the server over the whole log (not only the
 * lines loaded), once typing pauses; searched again when `streaming` turns false, so a finished
 * job's last lines count. `undefined` while there is no needle or no answer yet.
 */
export function useLogSearch(name: string, needle: string, streaming: boolean): { result: LogSearchResult | undefined; error: Error | undefined } {
  const [settled, setSettled] = useState(needle);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(needle), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [needle]);
  const search = useAsync((signal) => (settled ? lathe.searchLogs(name, settled, { signal }) : Promise.resolve(undefined)), [name, settled, streaming]);
  const current = settled === needle && !search.loading ? search.data : undefined;
  return { result: current, error: search.error };
}
