import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { check, QueuecastError } from '../errors.js';
import { installTextWidthEstimate } from './text-width.js';

/** An SVG rendering of a chart, with the warnings Vega-Lite and Vega raised. */
export interface RenderedSvg {
  /** The SVG document. */
  readonly svg: string;
  /** Width and height of the SVG in pixels (scale 1). */
  readonly width: number;
  readonly height: number;
  readonly warnings: readonly string[];
}

/** Collects Vega-Lite and Vega log messages at warning level and above. */
function collectingLogger(warnings: string[], errors: string[]) {
  let level = vega.Warn;
  const text = (args: readonly unknown[]) =>
    args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/**
 * Render a Vega-Lite spec to SVG in Node, without a browser: Vega-Lite compiles it, a headless Vega View renders it
 * (renderer `none`, then `toSVG`). Text widths are estimated (1 em per CJK character, 0.8 em otherwise) since Node
 * has no canvas to measure with. Fonts are named in the SVG, not embedded: the viewer supplies them.
 *
 * @throws QueuecastError `INVALID_INPUT` when Vega-Lite or Vega reject the spec.
 * @example
 * const { svg } = await renderSvg(forecastChart(rows));
 */
export async function renderSvg(spec: TopLevelSpec): Promise<RenderedSvg> {
  check(spec !== null && typeof spec === 'object', 'renderSvg', 'spec must be a Vega-Lite spec object', spec);
  installTextWidthEstimate();
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger = collectingLogger(warnings, errors);
  let view: vega.View;
  try {
    view = new vega.View(vega.parse(compile(spec, { logger }).spec), {
      renderer: 'none',
      logger,
      logLevel: vega.Warn,
    });
  } catch (e) {
    throw new QueuecastError('INVALID_INPUT', `renderSvg: invalid Vega-Lite spec: ${(e as Error).message}`);
  }
  try {
    await view.runAsync();
    if (errors.length > 0)
      throw new QueuecastError('INVALID_INPUT', `renderSvg: Vega failed: ${errors.join('; ')}`);
    const svg = await view.toSVG();
    const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    return { svg, width: m === null ? 0 : Number(m[1]), height: m === null ? 0 : Number(m[2]), warnings };
  } finally {
    view.finalize();
  }
}
