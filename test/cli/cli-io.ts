import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/command.js';

/** A CLI I/O whose stdout and stderr are captured as text (not a TTY: no progress bar). */
export function captureIO(cwd: string): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  return { stdout, stderr, stdin: new PassThrough(), cwd, out: () => out, err: () => err };
}
