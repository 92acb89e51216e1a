import { z } from 'zod';
import { QueuecastError } from '../errors.js';
import type { Plan } from './plan.js';

const finite = z.number();
/** A mean wait is `null` in JSON when the queue is unstable (more work than servers): Infinity inside. */
const wait = z.union([z.number(), z.null()]).transform((v) => (v === null ? Number.POSITIVE_INFINITY : v));

const planSchema = z.object({
  status: z.enum(['optimal', 'feasible', 'infeasible']),
  warnings: z.array(z.string()).optional(),
  assignments: z.array(
    z.object({
      slotStart: z.string(),
      counter: z.string(),
      staff: z.string().nullable(),
      services: z.array(z.string()),
    }),
  ),
  shifts: z.array(
    z.object({
      staff: z.string(),
      start: z.string(),
      end: z.string(),
      breaks: z.array(z.object({ start: z.string(), end: z.string() })),
    }),
  ),
  expected: z.array(
    z.object({
      service: z.string(),
      slotStart: z.string(),
      arrivals: finite,
      servers: finite,
      serviceLevel: finite,
      meanWaitSeconds: wait,
    }),
  ),
  shortfalls: z.array(
    z.object({
      service: z.string(),
      slotStart: z.string(),
      neededServers: finite,
      availableServers: finite,
      reason: z.enum(['no-counter', 'no-skilled-staff', 'no-staff', 'counters-exhausted']),
    }),
  ),
  summary: z.object({
    staffMinutes: finite,
    counterMinutes: finite,
    lowerBoundStaffMinutes: finite,
    modelLowerBoundStaffMinutes: finite.optional(),
    targetsMetFraction: finite,
    solveMilliseconds: finite,
  }),
});

/**
 * Write a plan as JSON text (DESIGN.md, Plan). An unstable queue's mean wait (Infinity) is written as `null`.
 *
 * @example
 * planToJson(allocate(scenario)).startsWith('{'); // => true
 */
export function planToJson(plan: Plan, indent = 2): string {
  return JSON.stringify(plan, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), indent);
}

/**
 * Read a Plan JSON value (the output of `queuecast plan`), checking its shape; `null` mean waits become Infinity.
 *
 * @throws QueuecastError INVALID_INPUT with the path of the first bad field.
 * @example
 * parsePlan(JSON.parse(planToJson(plan))).status; // => plan.status
 */
export function parsePlan(value: unknown): Plan {
  const res = planSchema.safeParse(value);
  if (!res.success) {
    const issue = res.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    throw new QueuecastError(
      'INVALID_INPUT',
      `parsePlan: ${path.join('.') || '(root)'}: ${issue.message}`,
      path,
    );
  }
  return res.data as Plan;
}
