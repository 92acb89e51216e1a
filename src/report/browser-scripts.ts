/** The browser builds of vega, vega-lite and vega-embed, read from node_modules (not part of the public API). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { QueuecastError } from '../errors.js';

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name
  ) {
    const up = dirname(dir);
    if (up === dir)
      throw new QueuecastError('FILE_NOT_FOUND', `buildReport: cannot locate the ${name} package`);
    dir = up;
  }
  return dir;
}

/** A script to inline: its package, version and source. */
export interface BrowserScript {
  readonly name: string;
  readonly version: string;
  readonly source: string;
}

let cache: BrowserScript[] | null = null;

/** vega, vega-lite and vega-embed minified browser builds, in load order (vega-embed needs the other two). */
export function browserScripts(): readonly BrowserScript[] {
  if (cache === null) {
    cache = (
      [
        ['vega', 'build/vega.min.js'],
        ['vega-lite', 'build/vega-lite.min.js'],
        ['vega-embed', 'build/vega-embed.min.js'],
      ] as const
    ).map(([name, file]) => {
      const dir = packageDir(name);
      const path = join(dir, file);
      if (!existsSync(path))
        throw new QueuecastError('FILE_NOT_FOUND', `buildReport: missing browser build ${path}`);
      const version = String(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version);
      return { name, version, source: readFileSync(path, 'utf8') };
    });
  }
  return cache;
}
