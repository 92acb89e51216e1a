/**
 * The Laplace–Stieltjes transform of an M/M/1 busy period at a complex point: with arrival rate λ and service
 * rate ν, β(z) = 2ν / (x + √(x² − 4λν)), x = λ + ν + z, taking the square root's branch with |β| ≤ 1 (Kleinrock,
 * Queueing Systems vol. 1, §5.8). Writes Re β into `out[0]` and Im β into `out[1]`; no allocation, for use inside
 * numerical inversion loops.
 */
export function busyPeriodLst(lambda: number, nu: number, zr: number, zi: number, out: Float64Array): void {
  const xr = lambda + nu + zr;
  const xi = zi;
  const dr = xr * xr - xi * xi - 4 * lambda * nu;
  const di = 2 * xr * xi;
  const mod = Math.sqrt(dr * dr + di * di);
  let qr = Math.sqrt(Math.max(0, (mod + dr) / 2));
  let qi = Math.sqrt(Math.max(0, (mod - dr) / 2));
  if (di < 0) qi = -qi;
  if (qr * xr + qi * xi < 0) {
    qr = -qr;
    qi = -qi;
  }
  const er = xr + qr;
  const ei = xi + qi;
  const den = er * er + ei * ei;
  out[0] = (2 * nu * er) / den;
  out[1] = (-2 * nu * ei) / den;
}
