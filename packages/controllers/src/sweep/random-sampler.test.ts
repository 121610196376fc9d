import { describeSampler } from './describe-sampler.js';
import { RandomSampler } from './random-sampler.js';

describeSampler('RandomSampler', (space, options) => new RandomSampler(space, options));
