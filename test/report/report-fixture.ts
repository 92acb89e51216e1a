/** ReportData for the sample centre of test/charts/fixtures.ts, with every stage present. */
import type { ReportData } from '../../src/report/index.js';
import { SERVICE_NAMES, sampleCentre, TZ } from '../charts/fixtures.js';

export function sampleReportData(): ReportData {
  const s = sampleCentre();
  return {
    centre: { id: 'ovc', name: '示范政务服务中心' },
    timezone: TZ,
    generatedAt: Date.parse('2026-11-30T08:00:00Z'),
    services: Object.entries(SERVICE_NAMES).map(([id, name]) => ({
      id,
      name,
      target: { fraction: 0.8, withinSeconds: 900 },
    })),
    forecast: s.forecast,
    actual: s.actual,
    requirements: s.requirements,
    plan: s.plan,
    simulation: {
      services: [
        {
          service: 'tax',
          arrivals: 300,
          serviceLevel: 0.84,
          serviceLevelCI: 0.02,
          meanWaitSeconds: 400,
          abandonShare: 0.02,
        },
        {
          service: 'business-registration',
          arrivals: 100,
          serviceLevel: 0.74,
          serviceLevelCI: 0.03,
          meanWaitSeconds: 700,
          abandonShare: 0.05,
        },
      ],
      slots: s.simulationSlots,
      replications: 20,
      seed: 7,
    },
    capacity: { capacity: s.capacity, summary: { releasedAppointments: 1, note: 'sample' } },
    backtest: [
      { model: 'seasonal-naive', mase: 1, wape: 0.31 },
      { model: 'top-down', mase: 0.82, wape: 0.25 },
    ],
  };
}
