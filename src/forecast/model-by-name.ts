import { QueuecastError } from '../errors.js';
import { auto } from './auto.js';
import { bookingPickup } from './booking-pickup.js';
import { countRegression } from './count-regression.js';
import { mstl } from './mstl.js';
import { seasonalNaive } from './seasonal-naive.js';
import { topDown } from './top-down.js';
import type { ForecastModel } from './types.js';
import { weekdayAverage } from './weekday-average.js';

/**
 * Models the CLI (`--model`) can name, with their default options; see {@link forecastModelByName}.
 *
 * @example
 * forecastModelNames.includes('seasonal-naive'); // => true
 */
export const forecastModelNames: readonly string[] = [
  'auto',
  'top-down',
  'top-down-regression',
  'tsb',
  'count-regression',
  'weekday-average',
  'seasonal-naive',
  'booking-pickup',
  'mstl',
];

/**
 * A forecasting model by name (see {@link forecastModelNames}); throws `USAGE` naming the choices otherwise.
 * `top-down`, `top-down-regression`, `tsb` and `count-regression` get calibrated intervals, like `auto`.
 *
 * @example
 * forecastModelByName('seasonal-naive').name; // => 'seasonal-naive'
 */
export function forecastModelByName(name: string): ForecastModel {
  switch (name) {
    case 'auto':
      return auto();
    case 'top-down':
      return topDown({ intervals: 'calibrated' });
    case 'top-down-regression':
      return topDown({ daily: 'regression', intervals: 'calibrated' });
    case 'tsb':
      return topDown({ daily: 'tsb', intervals: 'calibrated' });
    case 'count-regression':
      return countRegression();
    case 'weekday-average':
      return weekdayAverage();
    case 'seasonal-naive':
      return seasonalNaive();
    case 'booking-pickup':
      return bookingPickup();
    case 'mstl':
      return mstl();
    default:
      throw new QueuecastError(
        'USAGE',
        `forecastModelByName: unknown model ${JSON.stringify(name)} (choose from ${forecastModelNames.join(', ')})`,
      );
  }
}
