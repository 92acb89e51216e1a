import type { Config } from 'vega-lite';

/**
 * Font families of every chart, first match wins. Noto Sans CJK SC (Debian package `fonts-noto-cjk`) covers Chinese
 * and Latin; the other CJK families are the usual ones on macOS, Windows and other Linux systems; DejaVu Sans is
 * the Latin fallback present on almost every Linux system.
 *
 * @example
 * chartFontFamily.split(', ')[0]; // => 'Noto Sans CJK SC'
 */
export const chartFontFamily =
  'Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, DejaVu Sans, Arial, sans-serif';

/**
 * The Vega-Lite config every queuecast chart carries: CJK-capable fonts, legible sizes (11–16 px at scale 1), a
 * white background (PNG files are not transparent) and light grid lines.
 *
 * @example
 * const spec = { ...mySpec, config: chartTheme };
 */
export const chartTheme: Config = {
  font: chartFontFamily,
  background: 'white',
  padding: 12,
  title: {
    fontSize: 16,
    fontWeight: 'bold',
    anchor: 'start',
    subtitleFontSize: 12,
    subtitleColor: '#555',
    offset: 10,
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titlePadding: 8,
    gridColor: '#e6e6e6',
    domainColor: '#888',
    tickColor: '#888',
  },
  header: { labelFontSize: 13, labelFontWeight: 'bold', titleFontSize: 13 },
  legend: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    symbolSize: 140,
    labelLimit: 260,
  },
  view: { stroke: '#ddd' },
  range: { category: { scheme: 'tableau10' } },
};

/** Tableau 10, the theme's category scheme, for charts that set their own range. */
const TABLEAU10 = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
];

/**
 * `n` colours that are all different: Tableau 10 while it lasts, then hues a golden angle apart at two lightness
 * levels, so that a legend of many categories (one-stop service sets) never shows one colour twice.
 */
export function distinctColors(n: number): string[] {
  const out = TABLEAU10.slice(0, n);
  for (let i = out.length; i < n; i++) {
    const k = i - TABLEAU10.length;
    const hue = (17 + k * 137.508) % 360;
    out.push(`hsl(${hue.toFixed(1)}, ${k % 2 === 0 ? 55 : 65}%, ${k % 2 === 0 ? 48 : 68}%)`);
  }
  return out;
}
