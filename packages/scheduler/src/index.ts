export type { BackendCapabilities, BackendJobState, ComputeBackend, ReattachResult } from './compute-backend.js';
export type { ChildJobRequest, ControllerContext, ControllerDecision, FinalizationPlan, FinalizationStep, JobController, SubmitChildJob } from './job-controller.js';
export { JobEvents } from './job-events.js';
export { silentLogger } from './logger.js';
export type { Logger } from './logger.js';
export type { RuntimeReport } from './runtime-report.js';
export { Scheduler } from './scheduler.js';
export type { ReportOutcome, SchedulerOptions } from './scheduler.js';
export type { ComputeTarget } from './compute-target.js';
