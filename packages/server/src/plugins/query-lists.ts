import { LatheError, isJobStatus, type JobStatus } from '@lathe/core';

/**
 * A repeatable query parameter's values: `?status=A&status=B` or `?status=A,B`, trimmed, empty
 * ones dropped. `splitCommas: false` keeps commas (an `order_by` key may hold one).
 */
export function listParam(value: string | string[] | undefined, splitCommas = true): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return (splitCommas ? values.flatMap((v) => v.split(',')) : values).map((v) => v.trim()).filter(Boolean);
}

/** The job statuses a `status` parameter names; an unknown one is `LATHE_BAD_REQUEST`. */
export function statusParam(value: string | string[] | undefined): JobStatus[] {
  return listParam(value).map((s) => {
    if (!isJobStatus(s)) throw new LatheError('LATHE_BAD_REQUEST', `status: '${s}' is not a job status`, { details: { field: 'status' } });
    return s;
  });
}
