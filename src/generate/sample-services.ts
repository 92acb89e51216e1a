/**
 * One service of the sample service hall: the scenario-side facts (the fields of a Scenario service) plus the
 * generator's demand mix.
 */
export interface SampleService {
  /** Service id, as in the Visits `service` column and the Scenario. */
  readonly id: string;
  /** Chinese name shown in the hall, e.g. 税务登记. */
  readonly name: string;
  /** English name. */
  readonly nameEn: string;
  /** Letter of the service's counters and tickets (counter `B03` is tax counter 3). */
  readonly counterPrefix: string;
  /** Average handling time, seconds. */
  readonly ahtSeconds: number;
  /** Coefficient of variation of the handling time (lognormal). */
  readonly serviceCv: number;
  /** Mean patience of walk-ins before they leave, seconds (exponential). */
  readonly patienceSeconds: number;
  /** Expected share (0–1) of kept bookings whose holder does not come, over the sample's lead-time mix. */
  readonly noShowRate: number;
  /** Wait target: `fraction` of customers called within `withinSeconds`. */
  readonly target: { readonly fraction: number; readonly withinSeconds: number };
  /** Share (0–1) of the hall's daily visits; the shares sum to 1. */
  readonly dailyShare: number;
  /** Share (0–1) of the service's visits that are booked appointments. */
  readonly appointmentShare: number;
  /** Multiplier of the lead-time no-show curve for this service. */
  readonly noShowFactor: number;
}

/** Weights of booking lead times 0–14 days (same-day bookings, then a decay with a bump at one week). */
export const leadDayWeights: readonly number[] = [
  0.1, 0.14, 0.12, 0.11, 0.09, 0.08, 0.07, 0.07, 0.04, 0.035, 0.03, 0.025, 0.02, 0.02, 0.02,
];

/** Share of bookings cancelled before the day (they never arrive). */
export const cancelRate = 0.03;

/** Base no-show probability of a kept booking made `leadDays` ahead: 12 % same day, rising 0.85 points a day. */
export function baseNoShowAtLead(leadDays: number): number {
  return 0.12 + 0.0085 * leadDays;
}

const meanBaseNoShow =
  leadDayWeights.reduce((s, w, d) => s + w * baseNoShowAtLead(d), 0) /
  leadDayWeights.reduce((s, w) => s + w, 0);

type Row = [string, string, string, string, number, number, number, number, number, number, number];

// id, 中文名, English name, counter letter, AHT minutes, CV, patience minutes, share, appointment share,
// no-show factor, target minutes
const table: readonly Row[] = [
  ['business-registration', '企业开办', 'Business registration', 'A', 18, 0.7, 45, 0.07, 0.55, 0.95, 15],
  ['tax', '税务登记', 'Tax', 'B', 12, 0.8, 40, 0.12, 0.35, 1.0, 15],
  ['social-insurance', '社保', 'Social insurance', 'C', 8, 0.9, 40, 0.13, 0.25, 1.05, 15],
  ['medical-insurance', '医保', 'Medical insurance', 'D', 7, 0.9, 40, 0.11, 0.2, 1.05, 15],
  ['housing-fund', '公积金', 'Housing provident fund', 'E', 10, 0.8, 40, 0.09, 0.4, 1.0, 15],
  ['real-estate', '不动产登记', 'Real-estate registration', 'F', 25, 0.6, 60, 0.07, 0.7, 0.9, 20],
  ['household-registration', '户籍', 'Household registration', 'G', 9, 0.8, 40, 0.07, 0.3, 1.0, 15],
  ['exit-entry', '出入境', 'Exit and entry permits', 'H', 6, 0.6, 35, 0.08, 0.5, 1.1, 10],
  ['vehicle-admin', '车驾管', 'Vehicle and driver administration', 'J', 8, 0.7, 35, 0.06, 0.3, 1.0, 15],
  ['marriage', '婚姻登记', 'Marriage registration', 'K', 15, 0.5, 60, 0.03, 0.8, 0.9, 15],
  ['construction-permit', '工程建设', 'Construction permits', 'L', 22, 0.7, 50, 0.025, 0.6, 0.95, 20],
  ['market-regulation', '市场监管', 'Market regulation', 'M', 14, 0.8, 45, 0.035, 0.4, 1.0, 15],
  ['talent', '人才', 'Talent services', 'N', 11, 0.8, 40, 0.025, 0.45, 1.05, 15],
  ['civil-affairs', '民政', 'Civil affairs', 'P', 10, 0.9, 45, 0.035, 0.2, 1.0, 15],
  ['general-enquiry', '综合咨询', 'General enquiries', 'Q', 3, 1.0, 20, 0.05, 0, 1.0, 10],
];

/**
 * The fifteen services of the sample administrative service hall (政务服务中心) `ovc`: handling times of 3–25
 * minutes, their variability, walk-in patience, expected no-show rate, wait target, share of the daily visits and
 * share booked ahead. `queuecast generate` draws its visits from these; a demo scenario can use them as its
 * `services` (the fields match the Scenario's).
 *
 * @example
 * sampleServices.find((s) => s.id === 'tax')?.ahtSeconds; // => 720
 * sampleServices.reduce((t, s) => t + s.dailyShare, 0); // => 1 (within rounding)
 */
export const sampleServices: readonly SampleService[] = table.map(
  ([id, name, nameEn, counterPrefix, aht, cv, patience, share, appt, noShowFactor, targetMin]) => ({
    id,
    name,
    nameEn,
    counterPrefix,
    ahtSeconds: aht * 60,
    serviceCv: cv,
    patienceSeconds: patience * 60,
    noShowRate: Math.round(meanBaseNoShow * noShowFactor * 1000) / 1000,
    target: { fraction: 0.8, withinSeconds: targetMin * 60 },
    dailyShare: share,
    appointmentShare: appt,
    noShowFactor,
  }),
);

/**
 * The sample centre: id `ovc`, an administrative service hall in Asia/Shanghai on the default calendar
 * (Monday–Friday 09:00–12:00 and 13:30–17:30, mainland holidays and make-up working days), 30-minute slots.
 *
 * @example
 * sampleCentre.timezone; // => 'Asia/Shanghai'
 */
export const sampleCentre = {
  id: 'ovc',
  name: '政务服务中心 (sample)',
  timezone: 'Asia/Shanghai',
  slotMinutes: 30,
} as const;
