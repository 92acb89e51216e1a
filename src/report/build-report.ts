import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planToJson } from '../allocate/plan-json.js';
import { renderPng } from '../charts/render-png.js';
import { check } from '../errors.js';
import { assertTimeZone } from '../time/zoned.js';
import { browserScripts } from './browser-scripts.js';
import { planToCsv } from './plan-to-csv.js';
import { reportCharts } from './report-charts.js';
import { reportHtml } from './report-html.js';
import { reportKeyNumbers } from './report-key-numbers.js';
import type { ReportData } from './types.js';

/** Options of {@link buildReport}. */
export interface BuildReportOptions {
  /** Folder to write into; created when missing. */
  readonly outDir: string;
  /** Pixel density of the PNGs. Default 2. */
  readonly pngScale?: number;
  /** Write a PNG per chart (the slow part). Default true. */
  readonly pngs?: boolean;
  /** Called after each file is written, with the count done and the total (for a progress bar). */
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

/**
 * Defaults of {@link BuildReportOptions}: one PNG per chart, at pixel density 2.
 *
 * @example
 * defaultBuildReportOptions.pngScale; // => 2
 * await buildReport(data, { ...defaultBuildReportOptions, outDir: 'out/report', pngs: false });
 */
export const defaultBuildReportOptions = { pngScale: 2, pngs: true } as const;

/** What {@link buildReport} wrote. */
export interface BuildReportResult {
  /** Absolute paths of the files written: report.html first, then the PNGs, plan.csv and plan.json. */
  readonly files: readonly string[];
  /** Ids of the charts in the report (one PNG each). */
  readonly charts: readonly string[];
  /** Rendering warnings (a missing CJK font, Vega warnings). */
  readonly warnings: readonly string[];
}

/**
 * Write the report of a run into `outDir`: `report.html` (one self-contained file: key numbers, charts, plan
 * tables; vega, vega-lite and vega-embed inlined, no network needed), one `<chart>.png` per chart (unless `pngs` is
 * false), and `plan.csv` and `plan.json` when there is a plan. Works with whatever stages ran; only the centre and time zone are required.
 *
 * Cost: dominated by the PNG rendering, about 0.2–2 s per chart.
 *
 * @throws QueuecastError `INVALID_ARGUMENT` for a missing centre id, `UNKNOWN_TIMEZONE`, or the chart functions'
 * errors for bad rows.
 * @example
 * const { files } = await buildReport({ centre: { id: 'ovc', name: '政务服务中心' }, timezone: 'Asia/Shanghai', forecast, plan },
 *   { outDir: 'out' });
 */
export async function buildReport(data: ReportData, options: BuildReportOptions): Promise<BuildReportResult> {
  check(
    typeof data?.centre?.id === 'string' && data.centre.id !== '',
    'buildReport',
    'centre.id must be a non-empty string',
    data?.centre?.id,
  );
  check(
    typeof options?.outDir === 'string' && options.outDir !== '',
    'buildReport',
    'outDir must be a folder path',
    options?.outDir,
  );
  assertTimeZone(data.timezone);
  const scale = options.pngScale ?? defaultBuildReportOptions.pngScale;
  const outDir = resolve(options.outDir);
  const charts = reportCharts(data);
  const keyNumbers = reportKeyNumbers(data);
  const pngs = options.pngs ?? defaultBuildReportOptions.pngs;
  const total = 1 + (pngs ? charts.length : 0) + (data.plan === undefined ? 0 : 2);
  const files: string[] = [];
  const warnings = new Set<string>();
  let done = 0;
  const progress = (file: string) => options.onProgress?.(++done, total, file);
  const wrote = (file: string) => {
    files.push(file);
    progress(file);
  };
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, 'report.html');
  writeFileSync(html, reportHtml(data, charts, keyNumbers, browserScripts(), pngs));
  wrote(html);
  // All charts at once: Vega lays each out on the main thread while resvg rasterises the others in the thread pool.
  const rendered = (pngs ? charts : []).map(async (chart) => {
    const png = await renderPng(chart.spec, { scale });
    const file = join(outDir, `${chart.id}.png`);
    writeFileSync(file, png.png);
    progress(file);
    return { file, warnings: png.warnings, id: chart.id };
  });
  for (const png of await Promise.all(rendered)) {
    for (const w of png.warnings) warnings.add(w.startsWith('renderPng:') ? w : `${png.id}: ${w}`);
    files.push(png.file);
  }
  if (data.plan !== undefined) {
    const csv = join(outDir, 'plan.csv');
    writeFileSync(csv, planToCsv(data.plan));
    wrote(csv);
    const json = join(outDir, 'plan.json');
    writeFileSync(json, `${planToJson(data.plan)}\n`);
    wrote(json);
  }
  return { files, charts: charts.map((c) => c.id), warnings: [...warnings] };
}
