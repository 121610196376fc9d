export { LocalProcessBackend } from './local-process-backend.js';
export type { LocalProcessBackendOptions } from './local-process-backend.js';
