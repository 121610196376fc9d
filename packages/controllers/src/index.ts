// Controllers: job kinds that create child jobs and decide from their metrics (sweeps first).
// Their samplers and early-termination policies are pure functions of the trial history.
export { SeededRandom } from './sweep/seeded-random.js';
export { EXPRESSION_TYPES, isExpression, isSubSpace } from './sweep/search-space.js';
export type {
  ChoiceExpression,
  ChoiceValue,
  Constant,
  Expression,
  ExpressionType,
  NormalExpression,
  ParameterValue,
  Parameters,
  RandintExpression,
  SearchSpace,
  SubSpace,
  UniformExpression,
} from './sweep/search-space.js';
export { parseExpression, parseSearchSpace } from './sweep/parse-search-space.js';
export { parseSamplingAlgorithm, validateSamplingAlgorithm } from './sweep/sampling-algorithm.js';
export type { SamplingAlgorithm } from './sweep/sampling-algorithm.js';
export { quantize, roundHalfEven } from './sweep/quantize.js';
export { unitValue } from './sweep/unit-value.js';
export { dimensionsOf, drawParameters } from './sweep/draw-parameters.js';
export type { UnitSource } from './sweep/draw-parameters.js';
export { parameterProblems } from './sweep/parameter-problems.js';
export type { Sampler, SamplerOptions, Suggestion, TrialRecord, TrialState } from './sweep/sampler.js';
export { RandomSampler } from './sweep/random-sampler.js';
export { SobolSampler } from './sweep/sobol-sampler.js';
export { SOBOL_MAX_DIMENSIONS, SobolSequence } from './sweep/sobol-sequence.js';
export { GridSampler } from './sweep/grid-sampler.js';
export { TpeSampler } from './sweep/tpe-sampler.js';
export type { TpeSamplerOptions } from './sweep/tpe-sampler.js';
export { GpSampler, keepForModel, refitCount } from './sweep/gp-sampler.js';
export type { GpObservation, GpSamplerOptions } from './sweep/gp-sampler.js';
export type { AcquisitionOptions } from './sweep/gp-acquisition.js';
export { GpSpace } from './sweep/gp-space.js';
export { GaussianProcess } from './sweep/gaussian-process.js';
export type { Prediction } from './sweep/gaussian-process.js';
export { fitKernel } from './sweep/kernel-fit.js';
export type { KernelFitOptions } from './sweep/kernel-fit.js';
export { NOISE_FLOOR, kernelMatrix, matern52, noiseVariance } from './sweep/matern-kernel.js';
export type { KernelHyperparameters } from './sweep/matern-kernel.js';
export { negativeLogMarginalLikelihood } from './sweep/marginal-likelihood.js';
export { cholesky, choleskyInverse, choleskySolve, solveLower, solveLowerTransposed } from './sweep/cholesky.js';
export { minimizeLbfgs } from './sweep/lbfgs.js';
export type { LbfgsOptions, Objective } from './sweep/lbfgs.js';
export { warpOutputs, yeoJohnson } from './sweep/output-warping.js';
export { logExpectedImprovement } from './sweep/expected-improvement.js';
export { GP_MAX_COLUMNS, bayesianSampler, buildSampler } from './sweep/build-sampler.js';
export * from './sweep/early-termination/index.js';
