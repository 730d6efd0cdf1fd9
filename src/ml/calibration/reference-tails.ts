/** Reference survival functions for detectors whose null distribution is known in theory. */

import { erfc } from '../stats/distributions';

/** P(|Z| ≥ z) for a standard normal Z. */
export function normalTwoSided(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpper(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}
