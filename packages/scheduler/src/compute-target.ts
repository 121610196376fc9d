/**
 * A named compute target of one workspace (an `amlcompute` cluster) whose jobs run on one of the
 * scheduler's backends, with a queue and a limit of its own: at most `capacity` of its jobs hold
 * a slot at once, whatever the backend's own capacity, and they never take the backend's slots.
 */
export interface ComputeTarget {
  workspace: string;
  /** The name jobs give as `compute:` (`cpu-cluster` for `azureml:cpu-cluster`). */
  name: string;
  /** How many of its jobs run at once. */
  capacity: number;
  /** The name of the backend that runs its jobs (`local`). */
  backend: string;
}
