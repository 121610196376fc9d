export { DEFAULT_URL, LatheClient } from './lathe-client.js';
export type { LatheClientOptions, ListJobsOptions, RuntimeReportBody } from './lathe-client.js';
export { packFile, packFolder } from './pack-folder.js';
export type { PackedSnapshot } from './pack-folder.js';
export { submitJobFile } from './submit-job-file.js';
export type { SubmitJobFileOptions, SubmittedJob } from './submit-job-file.js';
export { downloadOutput } from './download-output.js';
export { request } from './http.js';
export type { RequestBody, RequestOptions } from './http.js';
