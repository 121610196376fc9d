import type { AssetResource } from './asset-resource.js';

/**
 * One of Azure ML's built-in datastores (`workspaceblobstore`, …), which every workspace has
 * and jobs use without creating them; in the shape of a datastore asset version, marked
 * `builtin`. Lathe keeps each as a folder in its data directory, whose path it does not show.
 */
export interface BuiltinDatastoreResource extends AssetResource {
  kind: 'datastore';
  builtin: true;
  description: string;
}
