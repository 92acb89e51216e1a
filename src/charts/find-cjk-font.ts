import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Font folders searched by default: Linux (Debian puts `fonts-noto-cjk` under /usr/share/fonts), macOS, Windows.
 *
 * @example
 * defaultFontDirs[0]; // => '/usr/share/fonts'
 * findCjkFont([...defaultFontDirs, '/opt/fonts']);
 */
export const defaultFontDirs: readonly string[] = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  '/System/Library/Fonts',
  '/Library/Fonts',
  'C:\\Windows\\Fonts',
];

/** File names of fonts that cover Simplified Chinese. */
const CJK_FONT_FILE =
  /(NotoSans(Mono)?CJK|NotoSerifCJK|NotoSansSC|SourceHanSans|SourceHanSerif|wqy-(microhei|zenhei)|DroidSansFallback|PingFang|msyh|simhei|simsun)/i;

/**
 * The first font file under `dirs` (searched recursively, at most 4 levels deep) that covers Chinese characters,
 * or null when there is none. Used to warn, before rendering a PNG, that Chinese names would not render.
 * On Debian: `apt-get install -y fonts-noto-cjk`.
 *
 * Cost: one directory walk of the font folders.
 *
 * @example
 * findCjkFont(); // => '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' (with fonts-noto-cjk installed)
 */
export function findCjkFont(dirs: readonly string[] = defaultFontDirs): string | null {
  const walk = (dir: string, depth: number): string | null => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.isFile() && CJK_FONT_FILE.test(e.name) && /\.(ttc|ttf|otf|otc)$/i.test(e.name))
        return join(dir, e.name);
    }
    if (depth >= 4) return null;
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const hit = walk(join(dir, e.name), depth + 1);
      if (hit !== null) return hit;
    }
    return null;
  };
  for (const d of dirs) {
    const hit = walk(d, 0);
    if (hit !== null) return hit;
  }
  return null;
}
