import { FAILURE_TYPES, type RuntimeReport } from '@lathe/core';
import { Type, type Static } from '@sinclair/typebox';

/** POST /workspaces/{ws}/jobs. The spec is validated by `@lathe/spec`, which names each field. */
export const CreateJobRequest = Type.Object(
  {
    spec: Type.Record(Type.String(), Type.Unknown()),
    /** Overrides `spec.name`. */
    name: Type.Optional(Type.String()),
    /** Warnings the client found while reading the YAML, kept on the job. */
    client_warnings: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type CreateJobRequest = Static<typeof CreateJobRequest>;

/** GET /workspaces/{ws}/jobs query. `tag` is `key` or `key=value`, repeatable. */
export const ListJobsQuery = Type.Object(
  {
    /** Only the children of this job. */
    parent: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    /** Only the jobs this schedule created. */
    schedule: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    /** Only jobs a user submitted: no sweep trial or other controller's child. */
    top_level: Type.Optional(Type.Boolean()),
    status: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    experiment_name: Type.Optional(Type.String()),
    tag: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    /** `active` (the default): jobs not archived; `archived`: only archived jobs; `all`: both. */
    view: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('archived'), Type.Literal('all')])),
    max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
    page_token: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ListJobsQuery = Static<typeof ListJobsQuery>;

/**
 * GET /workspaces/{ws}/runs query. `filter` and `order_by` are MLflow's search grammar;
 * `text` is plain words separated by spaces, each of which must appear, ignoring case and taken
 * literally, in the run's name or its id (a job's run id is the job's name); `experiment` (names,
 * repeatable; none: every experiment), `type` and `status` (job types and statuses, repeatable or
 * comma-separated) narrow it further.
 */
export const RunQuery = Type.Object(
  {
    experiment: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    filter: Type.Optional(Type.String({ maxLength: 10000 })),
    text: Type.Optional(Type.String({ maxLength: 1000 })),
    order_by: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    type: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    status: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    view_type: Type.Optional(Type.Union([Type.Literal('ACTIVE_ONLY'), Type.Literal('DELETED_ONLY'), Type.Literal('ALL')])),
    max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    page_token: Type.Optional(Type.String()),
    count: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RunQuery = Static<typeof RunQuery>;

/** POST /workspaces/{ws}/jobs/{name}/runtime/report: what the launcher reports. */
export const RuntimeReportRequest = Type.Union([
  Type.Object({ status: Type.Literal('Running') }, { additionalProperties: false }),
  Type.Object({ status: Type.Literal('Finalizing'), exitCode: Type.Union([Type.Integer(), Type.Null()]) }, { additionalProperties: false }),
  Type.Object({ status: Type.Literal('Completed'), exitCode: Type.Integer() }, { additionalProperties: false }),
  Type.Object(
    {
      status: Type.Literal('Failed'),
      exitCode: Type.Union([Type.Integer(), Type.Null()]),
      failure: Type.Object(
        {
          type: Type.Union(FAILURE_TYPES.map((t) => Type.Literal(t))),
          message: Type.String({ maxLength: 65536 }),
          nonRetryable: Type.Boolean(),
          details: Type.Record(Type.String(), Type.Unknown()),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ status: Type.Literal('Canceled'), exitCode: Type.Union([Type.Integer(), Type.Null()]) }, { additionalProperties: false }),
]);
/** The body {@link RuntimeReportRequest} accepts: core's `RuntimeReport`, checked below. */
export type RuntimeReportRequest = Static<typeof RuntimeReportRequest>;

/** True only when `A` and `B` accept the same values; the build fails when the schema drifts from the type. */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reportSchemaMatchesType: SameShape<RuntimeReportRequest, RuntimeReport> = true;
void reportSchemaMatchesType;
