import type { Plan } from '../allocate/plan.js';
import type {
  ActualChartRow,
  CapacityChartRow,
  ForecastChartRow,
  RequirementChartRow,
  WaitOutcomeChartRow,
} from '../charts/types.js';

/** A service as the report names it: display name and wait target (from the Scenario). */
export interface ReportService {
  readonly id: string;
  /** Display name, e.g. 税务登记. */
  readonly name?: string;
  readonly target?: {
    /** Share (0–1) to be called within `withinSeconds`. */
    readonly fraction?: number;
    readonly withinSeconds?: number;
  };
}

/** One model's backtest metrics (rolling origin), shown as a table; any metric columns. */
export type BacktestSummaryRow = { readonly model: string } & Readonly<
  Record<string, string | number | null>
>;

/** One service over the whole horizon in a Simulation result (DESIGN.md). */
export interface SimulationServiceRow {
  readonly service: string;
  readonly arrivals: number;
  /** Share called within target, 0–1; null when nobody arrived. */
  readonly serviceLevel: number | null;
  /** 95 % confidence half-width of serviceLevel across replications. */
  readonly serviceLevelCI: number | null;
  readonly meanWaitSeconds: number | null;
  /** Share of walk-ins who left before being called, 0–1. */
  readonly abandonShare: number | null;
}

/** The Simulation result JSON of DESIGN.md. */
export interface ReportSimulation {
  readonly services: readonly SimulationServiceRow[];
  readonly slots: readonly WaitOutcomeChartRow[];
  readonly replications: number;
  readonly seed?: number;
}

/** The Appointment capacity JSON of DESIGN.md. */
export interface ReportCapacity {
  readonly capacity: readonly CapacityChartRow[];
  /** Shown as given (numbers and strings). */
  readonly summary?: Readonly<Record<string, unknown>>;
}

/**
 * Everything a report can show. Only the centre and its time zone are required: the report shows whatever stages
 * ran (a forecast alone, a plan alone, …).
 */
export interface ReportData {
  readonly centre: { readonly id: string; readonly name?: string };
  /** IANA time zone of the centre; every time is shown as its local time. */
  readonly timezone: string;
  /** Report title. Default: `<centre name> — queuecast report`. */
  readonly title?: string;
  /** When the report was made, epoch ms. Default: now. */
  readonly generatedAt?: number;
  /** Names and targets of the services. */
  readonly services?: readonly ReportService[];
  readonly forecast?: readonly ForecastChartRow[];
  /** Observed arrivals (History) over the forecast's slots, for accuracy. */
  readonly actual?: readonly ActualChartRow[];
  readonly backtest?: readonly BacktestSummaryRow[];
  readonly requirements?: readonly RequirementChartRow[];
  readonly plan?: Plan;
  readonly simulation?: ReportSimulation;
  readonly capacity?: ReportCapacity;
}
