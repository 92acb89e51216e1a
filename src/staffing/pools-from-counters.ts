/**
 * Pools implied by counters: services that share a counter, directly or through a chain of counters, form one
 * queue (connected components of the service–counter graph). Services with only dedicated counters stay on their
 * own and are not listed. Feed the result to `staffingRequirements(..., { pools })`.
 * Complexity: O(counters × services per counter) with union–find.
 *
 * @param counters Scenario counters, `{ services: string[] }`.
 * @returns pools of two or more services, each in first-seen order.
 * @example
 * poolsFromCounters([{ services: ['tax', 'registration'] }, { services: ['tax'] }, { services: ['permits'] }]);
 * // => [['tax', 'registration']]
 */
export function poolsFromCounters(counters: readonly { readonly services: readonly string[] }[]): string[][] {
  const parent = new Map<string, string>();
  const find = (s: string): string => {
    let r = s;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    let x = s;
    while (x !== r) {
      const next = parent.get(x) as string;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const c of counters) {
    for (const s of c.services) if (!parent.has(s)) parent.set(s, s);
    for (let i = 1; i < c.services.length; i++) {
      const a = find(c.services[0]);
      const b = find(c.services[i]);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, string[]>();
  for (const s of parent.keys()) {
    const r = find(s);
    const g = groups.get(r);
    if (g === undefined) groups.set(r, [s]);
    else g.push(s);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
