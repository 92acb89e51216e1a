/** Weights of the 17 digits (GB 11643-1999; ISO 7064 MOD 11-2: 2^(17-i) mod 11). */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for each remainder 0–10 of the weighted sum mod 11. */
export const RESIDENT_ID_CHECK = '10X98765432';

/**
 * Whether `text` is an 18-character mainland resident ID number whose last character is the right ISO 7064
 * MOD 11-2 check character (GB 11643-1999). It does not check the area code or the birth date.
 *
 * Reference: GB 11643-1999 *Citizen identification number*; ISO/IEC 7064:2003, MOD 11-2. O(1).
 *
 * @example
 * isResidentId('11010519491231002X'); // => true  (the standard's worked example)
 * isResidentId('110105194912310021'); // => false (wrong check digit)
 */
export function isResidentId(text: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (text.charCodeAt(i) - 48) * RESIDENT_ID_WEIGHTS[i];
  return RESIDENT_ID_CHECK[sum % 11] === text[17].toUpperCase();
}
