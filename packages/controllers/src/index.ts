// Controllers: job kinds that create child jobs and decide from their metrics (sweeps first).
// Their samplers and early-termination policies are pure functions of the trial history.
export { SeededRandom } from './sweep/seeded-random.js';
export * from './sweep/early-termination/index.js';
