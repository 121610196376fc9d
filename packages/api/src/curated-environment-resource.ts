import type { AssetResource } from './asset-resource.js';

/**
 * A curated environment (`azureml://registries/azureml/environments/<name>`) as the REST API
 * returns it: shaped as an environment asset version (version `curated`, no creation time),
 * plus the Azure image it stands for and the packages Lathe's local equivalent needs.
 */
export interface CuratedEnvironmentResource extends AssetResource {
  kind: 'environment';
  curated: true;
  description: string;
  /** The Azure image it stands for; not run. */
  image: string;
  /** Pip names the machine's Python must have. */
  packages: string[];
}
