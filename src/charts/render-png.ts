import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { check } from '../errors.js';
import { defaultFontDirs, findCjkFont } from './find-cjk-font.js';
import { renderSvg } from './render-svg.js';

/** Options of {@link renderPng}. */
export interface RenderPngOptions {
  /** Pixel density: 2 renders a 720 px wide chart 1440 px wide. Default 2. */
  readonly scale?: number;
  /** Font folders to load in addition to (or instead of) the system fonts. Default {@link defaultFontDirs}. */
  readonly fontDirs?: readonly string[];
  /** Also load the fonts the system knows of. Default true. */
  readonly loadSystemFonts?: boolean;
}

/**
 * Defaults of {@link RenderPngOptions}: scale 2 (a 720 px wide chart becomes 1440 px), fonts from
 * {@link defaultFontDirs} and the system.
 *
 * @example
 * defaultRenderPngOptions.scale; // => 2
 */
export const defaultRenderPngOptions = {
  scale: 2,
  fontDirs: defaultFontDirs,
  loadSystemFonts: true,
} as const;

/** A PNG rendering of a chart. */
export interface RenderedPng {
  readonly png: Uint8Array;
  /** Size of the PNG in pixels. */
  readonly width: number;
  readonly height: number;
  /** Vega-Lite and Vega warnings, and a warning when Chinese text is present but no CJK font was found. */
  readonly warnings: readonly string[];
}

const CJK_TEXT = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const WIDE_TEXT =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Put DejaVu Sans first for text without CJK characters. resvg re-reads the whole font file for every glyph it
 * draws (thx/resvg-js#367), and a Noto CJK collection is 20 MB against DejaVu's 0.7 MB: drawing Latin labels with
 * it takes seconds per chart. Text with CJK characters keeps the chart's list, whose first family is Noto Sans CJK SC.
 */
function latinTextInDejaVu(svg: string): string {
  return svg.replace(/<text\b([^>]*)>([\s\S]*?)<\/text>/g, (whole, attrs: string, body: string) =>
    WIDE_TEXT.test(body)
      ? whole
      : `<text${attrs.replace(/font-family="/, 'font-family="DejaVu Sans, ')}>${body}</text>`,
  );
}

/**
 * Render a Vega-Lite spec to PNG in Node, without a browser: {@link renderSvg}, then resvg with the system fonts.
 * Text without CJK characters is drawn in DejaVu Sans when it is installed (much faster with resvg, see below).
 * Chinese text needs a CJK font (Debian: `apt-get install -y fonts-noto-cjk`); when the chart has Chinese text and
 * none is found, the PNG is still drawn with Latin fonts (Chinese characters come out as blanks) and a warning
 * says what to install.
 *
 * @throws QueuecastError `INVALID_ARGUMENT` for a scale that is not positive, `INVALID_INPUT` for an invalid spec.
 * @example
 * const { png, warnings } = await renderPng(staffingChart(input), { scale: 2 });
 * writeFileSync('staffing.png', png);
 */
export async function renderPng(spec: TopLevelSpec, options: RenderPngOptions = {}): Promise<RenderedPng> {
  const scale = options.scale ?? defaultRenderPngOptions.scale;
  check(Number.isFinite(scale) && scale > 0 && scale <= 8, 'renderPng', 'scale must be in (0, 8]', scale);
  const loadSystemFonts = options.loadSystemFonts ?? defaultRenderPngOptions.loadSystemFonts;
  const fontDirs = (options.fontDirs ?? defaultRenderPngOptions.fontDirs).filter((d) => existsSync(d));
  const rendered = await renderSvg(spec);
  const warnings = [...rendered.warnings];
  const cjkFont = findCjkFont(loadSystemFonts ? [...fontDirs, ...defaultFontDirs] : fontDirs);
  if (cjkFont === null && CJK_TEXT.test(rendered.svg)) {
    warnings.push(
      'renderPng: no CJK font found, so Chinese text will not render; falling back to Latin fonts ' +
        '(install one, on Debian: apt-get install -y fonts-noto-cjk)',
    );
  }
  // renderAsync rasterises on libuv's thread pool, so several charts can render at once.
  const image = await renderAsync(latinTextInDejaVu(rendered.svg), {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts,
      fontDirs: [...fontDirs],
      defaultFontFamily: cjkFont !== null && /noto/i.test(cjkFont) ? 'Noto Sans CJK SC' : 'DejaVu Sans',
    },
  });
  return { png: image.asPng(), width: image.width, height: image.height, warnings };
}
