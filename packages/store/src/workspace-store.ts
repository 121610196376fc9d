/**
 * A workspace as recorded: its name, when it came to exist, and the metadata `workspace create`
 * gave it (`display_name`, `description`, `tags`, `location`), or `null` for a workspace that
 * exists only because something was written to it.
 */
export interface WorkspaceRecord {
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The validated workspace spec as last recorded, or `null` when none was. */
  spec: Record<string, unknown> | null;
}

/** A named compute target of a workspace (an Azure `amlcompute` cluster, run locally). */
export interface ComputeRecord {
  workspace: string;
  name: string;
  /** The compute's `type` (`amlcompute`). */
  type: string;
  /** How many of its jobs run at once: one job per instance, as on an Azure cluster. */
  maxInstances: number;
  /** The validated spec as given, fields Lathe does not apply included. */
  spec: Record<string, unknown>;
  /** Milliseconds since the epoch: first creation. */
  createdAt: number;
  /** Milliseconds since the epoch: the last create-or-update. */
  updatedAt: number;
}

/** Input for {@link WorkspaceStore.putCompute}. */
export interface PutComputeInput {
  workspace: string;
  name: string;
  type: string;
  maxInstances: number;
  spec: Record<string, unknown>;
  /** Milliseconds since the epoch. */
  at: number;
}

/**
 * Workspaces with their metadata, and the compute targets defined in them. Writes are
 * create-or-update, as `az ml workspace create` and `az ml compute create` are. Implementations:
 * `KyselyWorkspaceStore`; all pass `describeWorkspaceStore` from `@lathe/testing`.
 */
export interface WorkspaceStore {
  /**
   * Creates the workspace if missing (with its `Default` experiment, as `ensureWorkspace`) and
   * records `spec` as its metadata, replacing what was recorded before. Returns the record.
   */
  putWorkspace(name: string, spec: Record<string, unknown>, at: number): Promise<WorkspaceRecord>;
  /** The workspace, or `undefined` when it does not exist. */
  getWorkspace(name: string): Promise<WorkspaceRecord | undefined>;
  /** Every workspace, created or implicit, by name. */
  listWorkspaces(): Promise<WorkspaceRecord[]>;
  /**
   * Creates the compute, or replaces its type, limit and spec (keeping `createdAt`). Throws
   * `LATHE_NOT_FOUND` when the workspace does not exist.
   */
  putCompute(input: PutComputeInput): Promise<ComputeRecord>;
  /** The compute, or `undefined`. */
  getCompute(workspace: string, name: string): Promise<ComputeRecord | undefined>;
  /** The computes of a workspace by name, or of every workspace (by workspace, then name) when it is omitted. */
  listComputes(workspace?: string): Promise<ComputeRecord[]>;
  /** Deletes the compute; false when it did not exist. Callers check first that no job uses it. */
  deleteCompute(workspace: string, name: string): Promise<boolean>;
}
