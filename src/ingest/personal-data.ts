import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RESIDENT_ID_CHECK, RESIDENT_ID_WEIGHTS } from './resident-id.js';
import { lit } from './sql.js';
import type { PersonalDataFinding, PersonalDataKind } from './types.js';

/** A mainland mobile number (1[3-9] + 9 digits, optionally +86), not inside a longer run of digits. */
const MOBILE_RE = '(^|[^0-9])(\\+?86[- ]?)?1[3-9][0-9]{9}($|[^0-9])';
/** An 18-character run that may be a resident ID number (checked further by its check digit). */
const ID_RE = '(^|[^0-9])([0-9]{17}[0-9Xx])($|[^0-9])';
/** A Chinese personal name: a common surname and one or two more Han characters. */
const CN_NAME_RE =
  '[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤][一-鿿]{1,2}';
const NAME_COLUMN =
  /^(customer|client|full|first|last|given|family|sur|patient|person|user|applicant)?[ _-]?name$|姓名|名字/i;
const ID_COLUMN =
  /^(customer|client|person|patient|citizen|user|member|applicant)[ _-]?(id|no|number|code)$|身份证|证件|^(phone|mobile|tel|telephone|cell|e-?mail)([ _-]?(no|number))?$|手机|电话|邮箱/i;
const TEXT_COLUMN = /note|comment|remark|memo|description|free[ _-]?text|备注|说明|留言|意见|描述/i;
/** Mean length from which a column of text counts as free text. */
const FREE_TEXT_MEAN_LENGTH = 20;

/** SQL: does the resident-ID candidate `x` (an 18-character string or '') carry a valid check digit? */
function validIdSql(x: string): string {
  const sum = RESIDENT_ID_WEIGHTS.map((w, i) => `(ascii(substr(${x}, ${i + 1}, 1)) - 48) * ${w}`).join(' + ');
  return `(length(${x}) = 18 AND substr('${RESIDENT_ID_CHECK}', ((${sum}) % 11) + 1, 1) = upper(substr(${x}, 18, 1)))`;
}

/** SQL: does `v` contain a mobile number or a resident ID number with a valid check digit? */
export function identifierMatchSql(v: string): string {
  return (
    `(CASE WHEN length(${v}) < 11 THEN false ` +
    `ELSE regexp_matches(${v}, '${MOBILE_RE}') OR ${validIdSql(`regexp_extract(${v}, '${ID_RE}', 2)`)} END)`
  );
}

/** SQL: a salted SHA-256 of `v`, 16 hex digits. */
export function hashSql(v: string, salt: string): string {
  return `left(sha256(${lit(`${salt}|`)} || ${v}), 16)`;
}

/** What to do with each source column. */
export interface PersonalDataPlan {
  readonly findings: readonly PersonalDataFinding[];
  /** Column index → how it leaves ingest. */
  readonly action: ReadonlyMap<number, 'dropped' | 'hashed' | 'values-hashed'>;
  /** Column whose hash is the visit's `personKey` (only with a link key). */
  readonly personKeyColumn: number | null;
  readonly salt: string;
}

/** An empty plan: nothing found (used by the history fast path, whose output holds no personal fields). */
export function noPersonalData(): PersonalDataPlan {
  return { findings: [], action: new Map(), personKeyColumn: null, salt: '' };
}

/**
 * Scan every value of every source column for personal data and decide what to do with each column.
 * Columns feeding visit fields only get their matching values hashed; other columns are dropped, or hashed when
 * a link key is asked for (free text is always dropped).
 */
export async function scanPersonalData(
  conn: DuckDBConnection,
  relation: string,
  columns: readonly string[],
  fieldColumns: ReadonlySet<number>,
  options: { readonly personalColumns?: readonly string[]; readonly linkKey?: { readonly salt: string } },
): Promise<PersonalDataPlan> {
  const salt = options.linkKey?.salt ?? randomBytes(16).toString('hex');
  if (columns.length === 0) return { findings: [], action: new Map(), personKeyColumn: null, salt };
  // Regular expressions only run on values long enough to match (11+ characters, or a name's 2–3): most are not.
  const inner = columns.map((_, i) => `NULLIF(trim(c${i}), '') AS v${i}`).join(', ');
  const candidates = columns
    .map(
      (_, i) => `v${i}, CASE WHEN length(v${i}) >= 18 THEN regexp_extract(v${i}, '${ID_RE}', 2) END AS x${i}`,
    )
    .join(', ');
  const aggs = columns
    .map((_, i) =>
      [
        `count(v${i})`,
        `sum(CASE WHEN length(v${i}) >= 11 THEN regexp_matches(v${i}, '${MOBILE_RE}')::INT ELSE 0 END)`,
        `sum(CASE WHEN x${i} <> '' THEN ${validIdSql(`x${i}`)}::INT ELSE 0 END)`,
        `sum(CASE WHEN length(v${i}) BETWEEN 2 AND 3 THEN regexp_full_match(v${i}, '${CN_NAME_RE}')::INT ELSE 0 END)`,
        `coalesce(avg(length(v${i})), 0)`,
      ].join(', '),
    )
    .join(', ');
  const r = await conn.runAndReadAll(
    `SELECT ${aggs} FROM (SELECT ${candidates} FROM (SELECT ${inner} FROM ${relation}))`,
  );
  const stats = r.getRowsJS()[0].map((v) => Number(v ?? 0));

  const declared = new Set(options.personalColumns ?? []);
  const findings: PersonalDataFinding[] = [];
  const action = new Map<number, 'dropped' | 'hashed' | 'values-hashed'>();
  const keyRank: Partial<Record<PersonalDataKind, number>> = {
    resident_id: 0,
    mobile: 1,
    identifier: 2,
    name: 3,
  };
  let personKeyColumn: number | null = null;
  let personKeyRank = Number.POSITIVE_INFINITY;
  columns.forEach((name, i) => {
    const [n, mobiles, ids, names, meanLength] = stats.slice(i * 5, i * 5 + 5);
    const reasons: string[] = [];
    let kind: PersonalDataKind | null = null;
    const note = (k: PersonalDataKind, why: string) => {
      kind ??= k;
      reasons.push(why);
    };
    if (ids > 0)
      note('resident_id', `${ids} value(s) hold 18-digit resident ID numbers with a valid check digit`);
    if (mobiles > 0) note('mobile', `${mobiles} value(s) hold mainland mobile numbers`);
    if (fieldColumns.has(i)) {
      if (kind !== null) {
        action.set(i, 'values-hashed');
        findings.push({
          column: name,
          kind,
          action: 'values-hashed',
          values: ids + mobiles,
          reason: reasons.join('; '),
        });
      }
      return;
    }
    if (declared.has(name)) note('identifier', 'declared a personal identifier');
    if (NAME_COLUMN.test(name)) note('name', 'column name says it holds names');
    if (ID_COLUMN.test(name)) note('identifier', 'column name says it holds personal identifiers');
    if (n > 0 && names >= n / 2) note('name', `${names} of ${n} values are Chinese personal names`);
    const freeText = TEXT_COLUMN.test(name) || meanLength >= FREE_TEXT_MEAN_LENGTH;
    if (freeText && n > 0) {
      note(
        'free_text',
        TEXT_COLUMN.test(name)
          ? 'free text (column name)'
          : `free text (mean length ${meanLength.toFixed(0)} characters)`,
      );
    }
    if (kind === null) return;
    const k: PersonalDataKind = kind;
    const hashed = options.linkKey !== undefined && !freeText;
    action.set(i, hashed ? 'hashed' : 'dropped');
    const matched =
      k === 'resident_id' ? ids : k === 'mobile' ? mobiles : k === 'name' && names > 0 ? names : n;
    findings.push({
      column: name,
      kind: k,
      action: hashed ? 'hashed' : 'dropped',
      values: matched,
      reason: reasons.join('; '),
    });
    const rank = keyRank[k];
    if (hashed && rank !== undefined && rank < personKeyRank) {
      personKeyRank = rank;
      personKeyColumn = i;
    }
  });
  return { findings, action, personKeyColumn, salt };
}
