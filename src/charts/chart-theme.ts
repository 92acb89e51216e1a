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
