/** Input checks shared by the queueing formulas; each throws QueuecastError INVALID_ARGUMENT naming the function. */
import { check } from '../errors.js';
import type { QueueSpec, ServiceTarget } from './types.js';

export function checkLoad(fn: string, offeredLoadErlangs: number): void {
  check(
    Number.isFinite(offeredLoadErlangs) && offeredLoadErlangs >= 0,
    fn,
    'offeredLoadErlangs must be a finite number ≥ 0',
    offeredLoadErlangs,
  );
}

export function checkIntegerServers(fn: string, servers: number): void {
  check(Number.isInteger(servers) && servers >= 0, fn, 'servers must be a non-negative integer', servers);
}

export function checkServers(fn: string, servers: number): void {
  check(Number.isFinite(servers) && servers >= 0, fn, 'servers must be a finite number ≥ 0', servers);
}

export function checkWithin(fn: string, withinSeconds: number): void {
  check(
    Number.isFinite(withinSeconds) && withinSeconds >= 0,
    fn,
    'withinSeconds must be a finite number ≥ 0',
    withinSeconds,
  );
}

export function checkQueue(fn: string, queue: QueueSpec): void {
  check(queue !== null && typeof queue === 'object', fn, 'queue must be an object', queue);
  const { arrivalsPerHour, ahtSeconds, patienceSeconds, serviceCv, arrivalCv } = queue;
  check(
    Number.isFinite(arrivalsPerHour) && arrivalsPerHour >= 0,
    fn,
    'arrivalsPerHour must be a finite number ≥ 0',
    arrivalsPerHour,
  );
  check(
    Number.isFinite(ahtSeconds) && ahtSeconds > 0,
    fn,
    'ahtSeconds must be a finite number > 0',
    ahtSeconds,
  );
  if (patienceSeconds !== undefined) {
    check(
      !Number.isNaN(patienceSeconds) && patienceSeconds > 0,
      fn,
      'patienceSeconds must be > 0 (Infinity for no abandonment)',
      patienceSeconds,
    );
  }
  if (serviceCv !== undefined) {
    check(
      Number.isFinite(serviceCv) && serviceCv >= 0,
      fn,
      'serviceCv must be a finite number ≥ 0',
      serviceCv,
    );
  }
  if (arrivalCv !== undefined) {
    check(
      Number.isFinite(arrivalCv) && arrivalCv >= 0,
      fn,
      'arrivalCv must be a finite number ≥ 0',
      arrivalCv,
    );
  }
}

export function checkTarget(fn: string, target: ServiceTarget): void {
  check(target !== null && typeof target === 'object', fn, 'target must be an object', target);
  const { fraction, withinSeconds, meanWaitSeconds, maxAbandonShare } = target;
  const hasFraction = fraction !== undefined || withinSeconds !== undefined;
  check(
    hasFraction || meanWaitSeconds !== undefined || maxAbandonShare !== undefined,
    fn,
    'target needs fraction+withinSeconds, meanWaitSeconds or maxAbandonShare',
    target,
  );
  if (hasFraction) {
    check(
      fraction !== undefined && Number.isFinite(fraction) && fraction >= 0 && fraction <= 1,
      fn,
      'target.fraction must be a number in [0, 1]',
      fraction,
    );
    check(
      withinSeconds !== undefined && Number.isFinite(withinSeconds) && withinSeconds >= 0,
      fn,
      'target.withinSeconds must be a finite number ≥ 0',
      withinSeconds,
    );
  }
  if (meanWaitSeconds !== undefined) {
    check(
      !Number.isNaN(meanWaitSeconds) && meanWaitSeconds >= 0,
      fn,
      'target.meanWaitSeconds must be a number ≥ 0',
      meanWaitSeconds,
    );
  }
  if (maxAbandonShare !== undefined) {
    check(
      Number.isFinite(maxAbandonShare) && maxAbandonShare >= 0 && maxAbandonShare <= 1,
      fn,
      'target.maxAbandonShare must be a number in [0, 1]',
      maxAbandonShare,
    );
  }
}
