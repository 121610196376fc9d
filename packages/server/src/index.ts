export { buildApp } from './build-app.js';
export type { BuildAppOptions } from './build-app.js';
export { configFromEnv, defaultDatastoreRoots, defaultPython } from './server-config.js';
export type { ServerConfig } from './server-config.js';
export type { ServerContext } from './server-context.js';
export { VERSION, startServer } from './start-server.js';
export type { RunningServer } from './start-server.js';
