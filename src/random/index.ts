export {
  createRng,
  logFactorial,
  type Rng,
  randomBinomial,
  randomExponential,
  randomGamma,
  randomLognormal,
  randomNegativeBinomial,
  randomNormal,
  randomPoisson,
} from './rng.js';
