export { ERROR_CODES, LatheError, isErrorCode, notFound } from './errors.js';
export type { ErrorBody, ErrorCode, LatheErrorOptions } from './errors.js';
export {
  ACTIVE_STATUSES,
  JOB_STATUSES,
  TERMINAL_STATUSES,
  canTransition,
  isJobStatus,
  isTerminal,
  statusesLeadingTo,
} from './job-status.js';
export type { JobStatus } from './job-status.js';
export type { Failure, FailureType } from './failure.js';
export type { JobFinalization, JobHandle, JobRecord, JobSpecDocument, JobStatusEvent } from './job.js';
export { NAME_PATTERN, generateJobName, isValidName } from './names.js';
export type { LaunchManifest } from './launch-manifest.js';
export { formatBlobRef, hasUriScheme, parseBlobRef } from './blob-ref.js';
export type { BlobRef } from './blob-ref.js';
export { isPlainArchiveEntry } from './archive-entry.js';
export { DEFAULT_JOB_ENV_ALLOW, ENV_ALLOW_PATTERN, allowedJobEnvironment, isAllowedJobEnvName } from './job-env-allow-list.js';
export { asStorageFull, storageFullCode } from './storage-full.js';
