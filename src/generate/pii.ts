import type { Rng } from '../random/index.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const AREA_CODES = [
  '110101',
  '110105',
  '310104',
  '310115',
  '440305',
  '330106',
  '510107',
  '420106',
  '320102',
  '610113',
];
const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '138',
  '139',
  '150',
  '151',
  '158',
  '166',
  '177',
  '180',
  '186',
  '189',
  '199',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建国',
  '淑珍',
];

/** Benign free-text notes a counter clerk might type. */
export const PLAIN_NOTES = [
  '材料不全，已告知补正',
  '代办',
  '老年人绿色通道',
  '需补充材料',
  '已电话回访',
  '加急',
  'missing documents',
  'proxy applicant',
];

/** A random element of a list. */
export function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng.next() * xs.length)];
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng.next() * 10));
  return s;
}

/** The check character of the first 17 digits of a resident ID number (GB 11643-1999, ISO 7064 MOD 11-2). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** A made-up but valid 18-digit resident ID number: area code, birth date 1940–2005, sequence, check character. */
export function randomResidentId(rng: Rng): string {
  const year = 1940 + Math.floor(rng.next() * 66);
  const month = 1 + Math.floor(rng.next() * 12);
  const day = 1 + Math.floor(rng.next() * 28);
  const first17 = `${pick(rng, AREA_CODES)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${digits(rng, 3)}`;
  return first17 + residentIdCheckChar(first17);
}

/** A mainland mobile number: 11 digits starting 13x–19x. */
export function randomMobile(rng: Rng): string {
  return pick(rng, MOBILE_PREFIXES) + digits(rng, 8);
}

/** A common Chinese personal name. */
export function randomName(rng: Rng): string {
  return pick(rng, [...SURNAMES]) + pick(rng, GIVEN);
}

/** A note holding a resident ID number, as clerks sometimes type one. */
export function noteWithResidentId(rng: Rng): string {
  return pick(rng, ['身份证 %s 已核验', '申请人证件号%s', 'ID %s checked']).replace(
    '%s',
    randomResidentId(rng),
  );
}

/** A note holding a mobile number. */
export function noteWithMobile(rng: Rng): string {
  return pick(rng, ['联系电话 %s', '请回电%s', 'call back %s']).replace('%s', randomMobile(rng));
}
