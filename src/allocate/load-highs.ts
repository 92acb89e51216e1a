import type { Highs } from 'highs';

/**
 * Load the HiGHS solver (WebAssembly, about 0.2 s) for `allocate(scenario, { solver: 'exact' | 'both', highs })`.
 * Works whether the package resolves to its ES module (default export is the loader) or its CommonJS build.
 *
 * @example
 * const highs = await loadHighs();
 * allocate(scenario, { solver: 'both', highs }).summary.modelLowerBoundStaffMinutes; // HiGHS's proven bound
 */
export async function loadHighs(): Promise<Highs> {
  const mod = (await import('highs')) as unknown as { default: unknown };
  const d = mod.default as
    | ((() => Promise<Highs>) & { default?: unknown })
    | { default: () => Promise<Highs> };
  const loader = typeof d === 'function' ? d : d.default;
  return (loader as () => Promise<Highs>)();
}
