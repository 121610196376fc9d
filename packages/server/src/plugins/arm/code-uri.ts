import { BUILTIN_DATASTORES } from '@lathe/jobs';
import { LatheError } from '@lathe/core';

/**
 * The `azureml://datastores/<ds>/paths/<p>` URI a code asset's `codeUri` names. The Azure ML SDK
 * joins the datastore's account URL (`https://<host:port>/blob/<ws>#…`, see `blobAccountHost`) with
 * `<container>/<path>` by `urljoin`, which replaces the last segment: it sends
 * `https://<host:port>/blob/<container>/<path>`. The full `…/blob/<ws>/<container>/<path>` and
 * an `azureml://datastores/` URI are accepted too. Anything else is `LATHE_BAD_REQUEST`.
 */
export function codeUriToDatastoreUri(codeUri: string, workspace: string): string {
  if (codeUri.startsWith('azureml://datastores/')) return codeUri;
  let url: URL;
  try {
    url = new URL(codeUri);
  } catch {
    throw badUri(codeUri);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUri(codeUri);
  const segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  if (segments[0] === 'blob') segments.shift();
  if (segments[0] === workspace && segments.length > 2 && !(BUILTIN_DATASTORES as readonly string[]).includes(workspace)) segments.shift();
  const [container, ...path] = segments;
  if (container === undefined || path.length === 0) throw badUri(codeUri);
  return `azureml://datastores/${container}/paths/${path.join('/')}`;
}

function badUri(codeUri: string): LatheError {
  return new LatheError(
    'LATHE_BAD_REQUEST',
    `properties.codeUri: '${codeUri.slice(0, 200)}' names no datastore folder; expected https://<server>/blob/<datastore>/<path> or azureml://datastores/<datastore>/paths/<path>`,
    {
      details: { field: 'properties.codeUri' },
    },
  );
}
