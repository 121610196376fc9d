/**
 * A workspace: its recorded metadata (null fields for one that exists only because something was
 * written to it, `created: false`) and the computes its jobs can name.
 */
export interface WorkspaceResource {
  name: string;
  /** True when `workspace create` recorded it, false when it exists only through its data. */
  created: boolean;
  display_name: string | null;
  description: string | null;
  tags: Record<string, string>;
  location: string | null;
  /** ISO 8601. */
  created_at: string;
  /** The built-in computes and the workspace's named ones, by name. */
  computes: string[];
  /** Where jobs without a known `compute:` run. */
  default_compute: string;
  /** Create answers only: the fields recorded but not applied. */
  warnings?: string[];
}

/** Body of `PUT /api/v1/workspaces/<name>`: the workspace YAML as data. */
export interface PutWorkspaceRequest {
  spec: Record<string, unknown>;
}
