export { type Estimate, meanEstimate, ratioEstimate, studentT975 } from './confidence.js';
export { EventHeap } from './event-heap.js';
export { defaultSimulateOptions, type Punctuality, type SimulateOptions } from './options.js';
export {
  APPOINTMENT,
  type ExpectedCell,
  prepareSimulation,
  resolveSimulateOptions,
  type ServersRow,
  type SimulationModel,
  WALK_IN,
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
export {
  CELL_ABANDONED,
  CELL_ARRIVALS,
  CELL_FIELDS,
  CELL_IMMEDIATE,
  CELL_SERVED,
  CELL_UNSERVED,
  CELL_WAIT_SUM,
  CELL_WITHIN,
  CUSTOMER_ABANDONED,
  CUSTOMER_SERVED,
  CUSTOMER_WAITING,
  type CustomerTrace,
  createSimulationEngine,
  type SimulationEngine,
} from './simulation-engine.js';
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
export { WAIT_BINS, waitBin, waitBinLower, waitBinUpper, waitQuantile } from './wait-histogram.js';
