/** A SQL string literal. */
export function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL identifier, quoted. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * SQL: is `x` one of `values`? Written as equalities joined by OR, not `IN (…)`: DuckDB turns a longer IN list into
 * a join that runs on every row, even inside a CASE branch that is never taken and for columns never used.
 */
export function oneOf(x: string, values: readonly string[]): string {
  return values.length === 0 ? 'false' : `(${values.map((v) => `${x} = ${lit(v)}`).join(' OR ')})`;
}
