/** Text width estimate for Vega in Node (not part of the public API). */
import * as vega from 'vega';

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
  readonly limit?: number;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
  readonly estimateWidth: (item: TextItem, text: unknown) => number;
}

/** Wide (CJK, full-width) characters: one em each. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

const NARROW = /[ .,:;'|!il1()[\]/-]/;
const UPPER = /[A-Z%@&mwMW]/;

/**
 * Width in pixels of `text` at `fontSize`, in the advance widths of DejaVu Sans (the font PNGs draw Latin text in)
 * rounded up: 1 em per wide (CJK) character, 0.4 em for narrow punctuation and i/l, 0.8 em for capitals and m/w,
 * 0.64 em otherwise; bold text 10 % wider. Vega's own estimate without a canvas is 0.8 em for every character, which
 * truncates long Latin legend labels too early and clips Chinese ones.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const ch of text) ems += WIDE.test(ch) ? 1 : NARROW.test(ch) ? 0.4 : UPPER.test(ch) ? 0.8 : 0.64;
  return Math.ceil(ems * fontSize * (bold ? 1.1 : 1));
}

let installed = false;

/**
 * Make Vega measure text with {@link estimateTextWidth} when it has no canvas to measure with (Node without the
 * `canvas` package): Vega's documented hook `textMetrics.width`, which vl-convert uses the same way. Runs once;
 * leaves Vega alone when a canvas measurer is in use.
 */
export function installTextWidthEstimate(): void {
  if (installed) return;
  installed = true;
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  if (metrics.width !== metrics.estimateWidth) return;
  metrics.width = (item, text) => {
    const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
    const s = text == null ? '' : String(text).trim();
    const weight = item.fontWeight;
    const w = estimateTextWidth(s, size, weight === 'bold' || Number(weight) >= 600);
    const limit = Number(item.limit);
    return limit > 0 ? Math.min(w, limit) : w;
  };
}
