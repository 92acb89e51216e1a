import { chartTimeOf, clockOf, dateOf, dayLabelOf, serviceName, timeLabelOf } from '../charts/chart-data.js';
import { chartFontFamily } from '../charts/chart-theme.js';
import type { BrowserScript } from './browser-scripts.js';
import type { ReportChart } from './report-charts.js';
import type { KeyNumber } from './report-key-numbers.js';
import type { ReportData } from './types.js';

/** Escape text for HTML element content and attribute values. */
function esc(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON for a `<script type="application/json">` block: no `<` can close the element early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Inline JavaScript source: a literal `</script` would end the element. */
function scriptSource(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script');
}

function table(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  numeric: readonly boolean[] = [],
): string {
  const th = header.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map(
      (r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: ${chartFontFamily}; margin: 0 auto; max-width: 1500px; padding: 24px 32px 48px; color: #222; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.meta { color: #555; margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px; min-width: 190px; max-width: 290px; background: #fafafa; }
.card .label { font-size: 13px; color: #555; }
.card .value { font-size: 26px; font-weight: bold; margin: 4px 0; }
.card .detail { font-size: 12px; color: #666; }
figure.chart { margin: 16px 0 28px; overflow-x: auto; }
figure.chart figcaption { color: #555; font-size: 13px; margin-top: 4px; }
.chart-error { color: #b00020; font-weight: bold; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; white-space: nowrap; }
th { background: #f3f3f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.unstaffed { background: #fde0dd; }
td.empty { color: #bbb; }
.scroll { overflow-x: auto; }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: bold; }
footer { margin-top: 40px; color: #777; font-size: 12px; }
`;

/** Captures errors and warnings before anything else runs, so that the render status can report them. */
const CAPTURE = `
window.__qcErrors = []; window.__qcWarnings = [];
(function () {
  var text = function (args) { return Array.prototype.map.call(args, function (a) { return a && a.message ? a.message : String(a); }).join(' '); };
  var error = console.error, warn = console.warn;
  console.error = function () { window.__qcErrors.push(text(arguments)); return error.apply(console, arguments); };
  console.warn = function () { window.__qcWarnings.push(text(arguments)); return warn.apply(console, arguments); };
  window.addEventListener('error', function (e) {
    var t = e.target;
    window.__qcErrors.push(t && t !== window && (t.src || t.href) ? 'failed to load ' + (t.src || t.href) : String(e.message || e));
  }, true);
  window.addEventListener('unhandledrejection', function (e) { window.__qcErrors.push(String(e.reason && e.reason.message || e.reason)); });
})();
`;

/** Renders every chart with vega-embed (SVG renderer), then writes the render status into #qc-render-status. */
const RENDER = `
(function () {
  var charts = JSON.parse(document.getElementById('qc-charts').textContent);
  var status = { charts: charts.length, rendered: 0, failed: [] };
  Promise.all(charts.map(function (c) {
    var el = document.getElementById('chart-' + c.id);
    return vegaEmbed(el, c.spec, { renderer: 'svg', actions: false }).then(function () {
      if (el.querySelector('svg')) status.rendered++; else status.failed.push(c.id);
    }).catch(function (e) {
      status.failed.push(c.id);
      el.innerHTML = '<p class="chart-error"></p>';
      el.firstChild.textContent = 'This chart could not be drawn: ' + (e && e.message);
      console.error(e);
    });
  })).then(function () {
    status.errors = window.__qcErrors; status.warnings = window.__qcWarnings;
    var out = document.getElementById('qc-render-status');
    out.textContent = JSON.stringify(status);
    out.setAttribute('data-done', 'true');
  });
})();
`;

function planSection(data: ReportData): string {
  const plan = data.plan;
  if (plan === undefined) return '';
  const tz = data.timezone;
  const names: Record<string, string> = {};
  for (const s of data.services ?? []) if (s.name !== undefined) names[s.id] = s.name;
  const local = (iso: string, i: number) => chartTimeOf(iso, tz, 'buildReport', i);
  const parts: string[] = ['<section id="plan"><h2>Plan</h2>'];
  parts.push(
    `<p>Status: <strong>${esc(plan.status)}</strong>. ${plan.assignments.length} counter-slots, ${plan.shifts.length} shifts, ${plan.shortfalls.length} shortfalls. Solved in ${esc(plan.summary.solveMilliseconds.toFixed(0))} ms.</p>`,
  );
  if (plan.shortfalls.length > 0) {
    parts.push('<h3>Shortfalls</h3><div class="scroll">');
    parts.push(
      table(
        ['slot start', 'service', 'servers needed', 'servers available', 'reason'],
        plan.shortfalls.map((f, i) => [
          timeLabelOf(local(f.slotStart, i)),
          serviceName(f.service, names),
          f.neededServers,
          f.availableServers,
          f.reason,
        ]),
        [false, false, true, true, false],
      ),
    );
    parts.push('</div>');
  }
  if (plan.shifts.length > 0) {
    parts.push('<h3>Shifts</h3><div class="scroll">');
    const shiftRows = plan.shifts
      .map((s, i) => {
        const start = local(s.start, i);
        const end = local(s.end, i);
        const breakMs = s.breaks.reduce((sum, b) => sum + (local(b.end, i) - local(b.start, i)), 0);
        return {
          start,
          row: [
            s.staff,
            dayLabelOf(start),
            clockOf(start),
            clockOf(end),
            s.breaks.map((b) => `${clockOf(local(b.start, i))}–${clockOf(local(b.end, i))}`).join(', '),
            ((end - start - breakMs) / 3_600_000).toFixed(2),
          ],
        };
      })
      .sort((a, b) => a.start - b.start || String(a.row[0]).localeCompare(String(b.row[0])));
    parts.push(
      table(
        ['staff', 'date', 'start', 'end', 'breaks', 'hours at work'],
        shiftRows.map((r) => r.row),
        [false, false, false, false, false, true],
      ),
    );
    parts.push('</div>');
  }
  if (plan.assignments.length > 0) {
    parts.push(
      '<h3>Counters by slot</h3><p class="meta">Each cell names who staffs the counter; hover for the services.</p>',
    );
    const byDate = new Map<
      string,
      { t: number; counter: string; staff: string | null; services: string }[]
    >();
    plan.assignments.forEach((a, i) => {
      const t = local(a.slotStart, i);
      const list = byDate.get(dateOf(t)) ?? [];
      list.push({
        t,
        counter: a.counter,
        staff: a.staff,
        services: a.services.map((s) => serviceName(s, names)).join(' + '),
      });
      byDate.set(dateOf(t), list);
    });
    [...byDate.keys()].sort().forEach((date, k) => {
      const list = byDate.get(date) ?? [];
      const slots = [...new Set(list.map((x) => clockOf(x.t)))].sort();
      const counters = [...new Set(list.map((x) => x.counter))].sort();
      const cell = new Map(list.map((x) => [`${x.counter}|${clockOf(x.t)}`, x]));
      const head = `<tr><th>counter</th>${slots.map((s) => `<th>${esc(s)}</th>`).join('')}</tr>`;
      const rows = counters
        .map((c) => {
          const tds = slots
            .map((s) => {
              const x = cell.get(`${c}|${s}`);
              if (x === undefined) return '<td class="empty">·</td>';
              if (x.staff === null) return `<td class="unstaffed" title="${esc(x.services)}">(nobody)</td>`;
              return `<td title="${esc(x.services)}">${esc(x.staff)}</td>`;
            })
            .join('');
          return `<tr><th>${esc(c)}</th>${tds}</tr>`;
        })
        .join('\n');
      parts.push(
        `<details${k === 0 ? ' open' : ''}><summary>${esc(dayLabelOf(list[0].t))}</summary><div class="scroll"><table><thead>${head}</thead><tbody>\n${rows}\n</tbody></table></div></details>`,
      );
    });
  }
  parts.push('</section>');
  return parts.join('\n');
}

function simulationSection(data: ReportData): string {
  const sim = data.simulation;
  if (sim === undefined || sim.services.length === 0) return '';
  const info = new Map((data.services ?? []).map((s) => [s.id, s]));
  const names = Object.fromEntries((data.services ?? []).map((s) => [s.id, s.name ?? s.id]));
  const rows = sim.services.map((r) => {
    const target = info.get(r.service)?.target;
    const within =
      target?.withinSeconds === undefined ? '' : ` in ${(target.withinSeconds / 60).toFixed(0)} min`;
    const level = r.serviceLevel;
    const ci = r.serviceLevelCI === null ? '' : ` ± ${(r.serviceLevelCI * 100).toFixed(1)}`;
    return [
      serviceName(r.service, names),
      r.arrivals.toFixed(0),
      level === null ? 'n/a' : `${(level * 100).toFixed(1)} %${ci}`,
      target?.fraction === undefined ? '—' : `${(target.fraction * 100).toFixed(0)} %${within}`,
      target?.fraction === undefined || level === null ? '—' : level >= target.fraction ? 'yes' : 'no',
      r.meanWaitSeconds === null ? 'n/a' : (r.meanWaitSeconds / 60).toFixed(1),
      r.abandonShare === null ? 'n/a' : `${(r.abandonShare * 100).toFixed(1)} %`,
    ];
  });
  return `<section id="simulation"><h2>Simulation</h2><p class="meta">${sim.replications} replications${sim.seed === undefined ? '' : `, seed ${esc(sim.seed)}`}; ± is the 95 % confidence half-width.</p><div class="scroll">${table(
    ['service', 'arrivals', 'called within target', 'target', 'met', 'mean wait (min)', 'abandoned'],
    rows,
    [false, true, true, true, false, true, true],
  )}</div></section>`;
}

function backtestSection(data: ReportData): string {
  const rows = data.backtest;
  if (rows === undefined || rows.length === 0) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== 'model');
  const fmt = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : (v ?? '');
  return `<section id="backtest"><h2>Forecast backtest</h2><div class="scroll">${table(
    ['model', ...cols],
    rows.map((r) => [r.model, ...cols.map((c) => fmt(r[c]))]),
    [false, ...cols.map((c) => rows.some((r) => typeof r[c] === 'number'))],
  )}</div></section>`;
}

function capacitySection(data: ReportData): string {
  const summary = data.capacity?.summary;
  if (summary === undefined) return '';
  const rows = Object.entries(summary)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v)]);
  if (rows.length === 0) return '';
  return `<section id="capacity-summary"><h2>Appointment capacity</h2>${table(['', 'value'], rows, [false, true])}</section>`;
}

/**
 * The report as one self-contained HTML document: key numbers, the charts (drawn in the browser by the inlined
 * vega, vega-lite and vega-embed, as SVG), and the plan, simulation, backtest and capacity tables. It loads nothing
 * from the network. When every chart has been drawn, the element `#qc-render-status` holds a JSON status
 * `{ charts, rendered, failed, errors, warnings }` (errors and warnings logged on the page).
 */
export function reportHtml(
  data: ReportData,
  charts: readonly ReportChart[],
  keyNumbers: readonly KeyNumber[],
  scripts: readonly BrowserScript[],
  pngLinks: boolean,
): string {
  const centre = data.centre.name ?? data.centre.id;
  const title = data.title ?? `${centre} — queuecast report`;
  const generated = new Date(data.generatedAt ?? Date.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  const cards = keyNumbers
    .map(
      (k) =>
        `<div class="card" id="key-${esc(k.id)}"><div class="label">${esc(k.label)}</div><div class="value">${esc(k.display)}</div>${
          k.detail === undefined ? '' : `<div class="detail">${esc(k.detail)}</div>`
        }</div>`,
    )
    .join('\n');
  const figures = charts
    .map(
      (c) =>
        `<figure class="chart"><div class="vega" id="chart-${esc(c.id)}"></div><figcaption>${esc(c.caption)}${pngLinks ? ` — <a href="${esc(c.id)}.png">PNG</a>` : ''}</figcaption></figure>`,
    )
    .join('\n');
  const versions = scripts.map((s) => `${s.name} ${s.version}`).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
<script>${CAPTURE}</script>
${scripts.map((s) => `<script data-package="${esc(s.name)}">${scriptSource(s.source)}</script>`).join('\n')}
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="meta">Centre ${esc(data.centre.id)}. All times are local time in ${esc(data.timezone)}. Generated ${esc(generated)}.</p>
</header>
<section id="key-numbers"><h2>Key numbers</h2>
${keyNumbers.length === 0 ? '<p class="meta">No stage results were given.</p>' : `<div class="cards">\n${cards}\n</div>`}
</section>
${charts.length === 0 ? '' : `<section id="charts"><h2>Charts</h2>\n${figures}\n</section>`}
${planSection(data)}
${simulationSection(data)}
${backtestSection(data)}
${capacitySection(data)}
<footer>Made by queuecast. Self-contained: ${esc(versions)} are inlined; the page needs no network.${
    data.plan === undefined ? '' : ' The plan is also in plan.csv and plan.json beside this file.'
  }</footer>
<output id="qc-render-status" hidden></output>
<script type="application/json" id="qc-charts">${scriptJson(charts.map((c) => ({ id: c.id, spec: c.spec })))}</script>
<script>${RENDER}</script>
</body>
</html>
`;
}
