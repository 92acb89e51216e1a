#!/usr/bin/env node
import { exitQuietlyOnClosedPipe, runCli } from '../dist/cli/main.js';

exitQuietlyOnClosedPipe();
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
});
