export { type Estimate, meanEstimate, ratioEstimate, studentT975 } from './confidence.js';
export { EventHeap } from './event-heap.js';
export { defaultSimulateOptions, type Punctuality, type SimulateOptions } from './options.js';
export {
  type ExpectedCell,
  prepareSimulation,
  resolveSimulateOptions,
  type ServersRow,
  type SimulationModel,
} from './prepare-simulation.js';
export {
  type BankCall,
  type BankDay,
  type BankReplay,
  type BankReplayOptions,
  type BankReplayRow,
  bankDays,
  bankReplay,
  defaultBankReplayOptions,
  parseBankCalls,
  replayBankDays,
} from './replay-bank.js';
export { simulate } from './simulate.js';
export { SimulationAccumulator } from './simulation-accumulator.js';
export { type CustomerTrace, createSimulationEngine, type SimulationEngine } from './simulation-engine.js';
export type {
  ChannelOutcome,
  CounterOutcome,
  ExpectedComparison,
  HallSlot,
  OutcomeSummary,
  ServiceOutcome,
  SessionOvertime,
  SimulationResult,
  SlotOutcome,
} from './simulation-result.js';
export { waitBin, waitBinLower, waitBinUpper, waitQuantile } from './wait-histogram.js';
