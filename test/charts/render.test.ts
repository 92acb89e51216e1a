import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chartTheme,
  findCjkFont,
  forecastChart,
  renderPng,
  renderSvg,
  staffingChart,
} from '../../src/charts/index.js';
import { estimateTextWidth } from '../../src/charts/text-width.js';
import { QueuecastError } from '../../src/errors.js';
import { SERVICE_NAMES, sampleCentre, TZ } from './fixtures.js';
import { darkPixels, decodePng } from './png.js';

const s = sampleCentre();
const o = { timezone: TZ, serviceNames: SERVICE_NAMES };
const INSTALL_FONTS =
  'no CJK font found: install the Debian package fonts-noto-cjk (apt-get install -y fonts-noto-cjk)';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof QueuecastError ? e.code : `not a QueuecastError: ${String(e)}`;
  }
  return 'no error';
}

/** A folder holding only DejaVu Sans: a system without CJK fonts. */
function latinOnlyFontDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'queuecast-fonts-'));
  for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    copyFileSync(join('/usr/share/fonts/truetype/dejavu', f), join(dir, f));
  }
  return dir;
}

const titleOnly = (title: string) =>
  ({
    title,
    data: { values: [{ a: 1 }] },
    mark: 'point',
    width: 200,
    height: 20,
    config: chartTheme,
  }) as const;

describe('renderSvg', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('renders an SVG with the Chinese service names and its size', async () => {
    const { svg, width, height, warnings } = await renderSvg(forecastChart(s.forecast, s.actual, o));
    expect(warnings).toEqual([]);
    expect(svg).toMatch(/^<svg[^>]*width="\d+"/);
    expect(width).toBeGreaterThan(700);
    expect(height).toBeGreaterThan(500);
    for (const name of Object.values(SERVICE_NAMES)) expect(svg).toContain(name);
    expect(svg).toContain('Noto Sans CJK SC');
  });

  it("labels the time axis in the centre's local time whatever the process time zone", async () => {
    process.env.TZ = 'America/New_York';
    const { svg } = await renderSvg(staffingChart({ requirements: s.requirements }, o));
    const labels = [...svg.matchAll(/>(\d\d:\d\d)<\/(text|tspan)>/g)].map((m) => m[1]);
    // The centre opens 09:00–17:00 Shanghai time; New York wall time would be 20:00–04:00.
    expect(labels).toContain('09:00');
    expect(labels).toContain('15:00');
    expect(labels).not.toContain('20:00');
  });

  it('rejects an invalid spec with INVALID_INPUT', async () => {
    expect(await code(renderSvg({ layer: 'nope' } as never))).toBe('INVALID_INPUT');
    expect(await code(renderSvg(null as never))).toBe('INVALID_ARGUMENT');
  });
});

describe('renderPng', () => {
  it('writes a PNG scaled from the SVG', async () => {
    const spec = staffingChart({ requirements: s.requirements }, o);
    const { width, height } = await renderSvg(spec);
    const png = await renderPng(spec, { scale: 2 });
    expect(Buffer.from(png.png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.width).toBe(Math.round(width * 2));
    expect(png.height).toBe(Math.round(height * 2));
    const img = decodePng(png.png);
    expect([img.width, img.height]).toEqual([png.width, png.height]);
    expect(darkPixels(img)).toBeGreaterThan(1000);
  });

  it('draws Chinese glyphs with the system CJK font', async () => {
    expect(findCjkFont(), INSTALL_FONTS).not.toBeNull();
    const cjk = await renderPng(titleOnly('税务登记企业开办'), { scale: 1 });
    expect(cjk.warnings).toEqual([]);
    const fallback = await renderPng(titleOnly('税务登记企业开办'), {
      scale: 1,
      loadSystemFonts: false,
      fontDirs: [latinOnlyFontDir()],
    });
    const ink = (png: Uint8Array) => {
      const img = decodePng(png);
      return darkPixels(img, 0, 0, img.width, 30);
    };
    // Eight bold 16 px CJK glyphs carry far more ink than the placeholder boxes drawn without a CJK font.
    expect(ink(cjk.png)).toBeGreaterThan(2 * ink(fallback.png));
  });

  it('falls back to Latin fonts with a warning when no CJK font is found', async () => {
    const dir = latinOnlyFontDir();
    const chinese = await renderPng(titleOnly('税务登记'), {
      scale: 1,
      loadSystemFonts: false,
      fontDirs: [dir],
    });
    expect(chinese.warnings).toHaveLength(1);
    expect(chinese.warnings[0]).toContain('fonts-noto-cjk');
    const latin = await renderPng(titleOnly('Tax registration'), {
      scale: 1,
      loadSystemFonts: false,
      fontDirs: [dir],
    });
    expect(latin.warnings).toEqual([]);
    expect(darkPixels(decodePng(latin.png), 0, 0, 300, 30)).toBeGreaterThan(100);
  });

  it('rejects a scale that is not positive', async () => {
    expect(await code(renderPng(titleOnly('x'), { scale: 0 }))).toBe('INVALID_ARGUMENT');
  });
});

describe('findCjkFont', () => {
  it('finds fonts-noto-cjk under /usr/share/fonts', () => {
    expect(findCjkFont(['/usr/share/fonts']), INSTALL_FONTS).toMatch(/NotoSansCJK|NotoSerifCJK/);
  });
  it('returns null for folders without a CJK font', () => {
    expect(findCjkFont([latinOnlyFontDir(), '/no/such/folder'])).toBeNull();
  });
});

describe('estimateTextWidth', () => {
  it('counts CJK characters as one em and Latin ones as less', () => {
    expect(estimateTextWidth('税务登记', 10)).toBe(40);
    expect(estimateTextWidth('09:00', 10)).toBeLessThan(0.8 * 5 * 10);
    expect(estimateTextWidth('Tax', 10, true)).toBeGreaterThan(estimateTextWidth('Tax', 10));
  });
});
