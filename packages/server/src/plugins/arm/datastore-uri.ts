import { BUILTIN_DATASTORES } from '@lathe/jobs';
import { LatheError } from '@lathe/core';
import { readAssetRef } from '@lathe/spec';

/**
 * The `azureml://datastores/<ds>/paths/<p>` URI a version's `codeUri`, `dataUri` or `modelUri`
 * names, `field` naming it in errors. Accepted:
 * - `azureml://datastores/<ds>/paths/<p>`, as the SDK sends data;
 * - `azureml://subscriptions/<s>/resourcegroups/<rg>/workspaces/<ws>/datastores/<ds>/paths/<p>`,
 *   as it sends models; `<ws>` must be the request's workspace;
 * - a Blob URL of this server: the SDK joins the datastore's account URL
 *   (`https://<host:port>/blob/<ws>#…`, see `blobAccountHost`) with `<container>/<path>` by
 *   `urljoin`, which replaces the last segment, so it sends `https://<host:port>/blob/<container>/<path>`
 *   for code; the full `…/blob/<ws>/<container>/<path>` is accepted too. Given the `authority`
 *   (`host:port`) the client reached the server at, a URL of another host is refused: it is a
 *   web address, whose content Lathe does not fetch.
 * Anything else is `LATHE_BAD_REQUEST`.
 */
export function toDatastoreUri(uri: string, workspace: string, field: string, authority?: string): string {
  if (uri.startsWith('azureml://')) return azuremlDatastoreUri(uri, workspace, field);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badUri(uri, field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUri(uri, field);
  if (authority !== undefined && url.host !== authority) throw badUri(uri, field);
  const segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  if (segments[0] === 'blob') segments.shift();
  if (segments[0] === workspace && segments.length > 2 && !(BUILTIN_DATASTORES as readonly string[]).includes(workspace)) segments.shift();
  const [container, ...path] = segments;
  if (container === undefined || path.length === 0 || path.includes('..')) throw badUri(uri, field);
  return `azureml://datastores/${container}/paths/${path.join('/')}`;
}

function azuremlDatastoreUri(uri: string, workspace: string, field: string): string {
  const read = readAssetRef(uri);
  if (!read.ok) throw new LatheError('LATHE_BAD_REQUEST', `${field}: ${read.reason}`, { details: { field } });
  if (read.ref.kind !== 'datastore') throw badUri(uri, field);
  const { datastore, path, scope } = read.ref;
  if (scope !== undefined && scope.workspace !== workspace) {
    throw new LatheError('LATHE_BAD_REQUEST', `${field}: '${uri.slice(0, 200)}' names workspace '${scope.workspace}'; only this workspace's datastores ('${workspace}') can be used`, {
      details: { field },
    });
  }
  return `azureml://datastores/${datastore}/paths/${path}`;
}

function badUri(uri: string, field: string): LatheError {
  return new LatheError(
    'LATHE_BAD_REQUEST',
    `${field}: '${uri.slice(0, 200)}' names no datastore folder; expected https://<server>/blob/<datastore>/<path>, azureml://datastores/<datastore>/paths/<path> or azureml://subscriptions/<s>/resourcegroups/<rg>/workspaces/<ws>/datastores/<datastore>/paths/<path>`,
    { details: { field } },
  );
}
