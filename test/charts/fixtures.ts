/** A small synthetic centre (two days, three services with Chinese names) for chart and report tests. Seeded. */
import type { Assignment, Plan, Shift } from '../../src/allocate/plan.js';
import type {
  ActualChartRow,
  CapacityChartRow,
  ForecastChartRow,
  RequirementChartRow,
  WaitOutcomeChartRow,
} from '../../src/charts/index.js';
import { createRng, randomPoisson } from '../../src/random/index.js';
import { formatIsoInZone, zonedToEpoch } from '../../src/time/zoned.js';

export const TZ = 'Asia/Shanghai';
export const SERVICE_NAMES = {
  tax: '税务登记',
  'business-registration': '企业开办',
  'social-insurance': '社会保险',
};
export const DATES = [
  [2026, 12, 1],
  [2026, 12, 2],
] as const;
/** Slot starts (minute of day) of the two sessions, 30-minute slots. */
export const SLOT_MINUTES = [540, 570, 600, 630, 660, 690, 810, 840, 870, 900, 930, 960, 990];
const SERIES = [
  { service: 'tax', channel: 'walk_in', scale: 6, ahtSeconds: 600 },
  { service: 'tax', channel: 'appointment', scale: 3, ahtSeconds: 600 },
  { service: 'business-registration', channel: 'walk_in', scale: 4, ahtSeconds: 900 },
  { service: 'social-insurance', channel: 'walk_in', scale: 8, ahtSeconds: 420 },
] as const;

function slotEpoch(date: readonly [number, number, number], minute: number): number {
  return zonedToEpoch(date[0], date[1], date[2], Math.floor(minute / 60), minute % 60, 0, TZ);
}

export interface SampleCentre {
  forecast: ForecastChartRow[];
  actual: ActualChartRow[];
  requirements: RequirementChartRow[];
  plan: Plan;
  simulationSlots: WaitOutcomeChartRow[];
  capacity: CapacityChartRow[];
}

/** Build the sample centre; the same seed gives the same centre. */
export function sampleCentre(seed = 7): SampleCentre {
  const rng = createRng(seed);
  const forecast: ForecastChartRow[] = [];
  const actual: ActualChartRow[] = [];
  const requirements: RequirementChartRow[] = [];
  const assignments: Assignment[] = [];
  const shifts: Shift[] = [];
  const simulationSlots: WaitOutcomeChartRow[] = [];
  const capacity: CapacityChartRow[] = [];
  for (const date of DATES) {
    for (const minute of SLOT_MINUTES) {
      const t = slotEpoch(date, minute);
      const iso = formatIsoInZone(t, TZ);
      const peak = 1 + 0.6 * Math.sin(((minute - 540) / 480) * Math.PI);
      const needBy = new Map<string, number>();
      for (const s of SERIES) {
        const mean = s.scale * peak * (date[2] === 1 ? 1.1 : 0.9);
        const sd = Math.sqrt(mean * 1.5);
        forecast.push({
          service: s.service,
          channel: s.channel,
          slotStart: iso,
          mean,
          p05: Math.max(0, mean - 1.645 * sd),
          p10: Math.max(0, mean - 1.2816 * sd),
          p50: mean,
          p90: mean + 1.2816 * sd,
          p95: mean + 1.645 * sd,
        });
        actual.push({
          service: s.service,
          channel: s.channel,
          slotStart: t,
          arrivals: randomPoisson(rng, mean),
        });
        needBy.set(s.service, (needBy.get(s.service) ?? 0) + (mean * s.ahtSeconds) / 1800);
      }
      let counter = 0;
      for (const [service, load] of needBy) {
        const servers = Math.round((load + 1) * 100) / 100;
        requirements.push({ service, slotStart: iso, servers });
        const open = Math.ceil(servers);
        for (let k = 0; k < open; k++) {
          counter++;
          const id = String(counter).padStart(2, '0');
          assignments.push({
            slotStart: iso,
            counter: `C${id}`,
            staff: counter === 9 ? null : `S${id}`,
            services: [service],
          });
        }
        const level = Math.min(0.99, 0.88 - 0.25 * rng.next());
        simulationSlots.push({
          service,
          slotStart: iso,
          serviceLevel: level,
          serviceLevelCI: 0.02 + 0.04 * rng.next(),
        });
        capacity.push({
          service,
          slotStart: iso,
          maxAppointments: Math.max(0, Math.floor(open * 3 - load * 2)),
          expectedWalkIns: load * 1.5,
        });
      }
    }
    const day = (m: number) => formatIsoInZone(slotEpoch(date, m), TZ);
    for (let k = 1; k <= 11; k++) {
      shifts.push({
        staff: `S${String(k).padStart(2, '0')}`,
        start: day(540),
        end: day(1020),
        breaks: [{ start: day(720), end: day(810) }],
      });
    }
  }
  const plan: Plan = {
    status: 'feasible',
    assignments,
    shifts,
    expected: [],
    shortfalls: [
      {
        service: 'social-insurance',
        slotStart: formatIsoInZone(slotEpoch(DATES[0], 600), TZ),
        neededServers: 7,
        availableServers: 6,
        reason: 'no-skilled-staff',
      },
    ],
    summary: {
      staffMinutes: 11 * 2 * 390,
      counterMinutes: assignments.length * 30,
      lowerBoundStaffMinutes: 7900,
      targetsMetFraction: 0.93,
      solveMilliseconds: 12,
    },
  };
  return { forecast, actual, requirements, plan, simulationSlots, capacity };
}
