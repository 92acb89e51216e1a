import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** One embedded DuckDB database for one ingest run, with a private spill directory. */
export interface Engine {
  readonly conn: DuckDBConnection;
  /** Run a statement; while it runs, report DuckDB's progress mapped into `[from, to]` of the whole job. */
  run(sql: string, progress?: ProgressSpan): Promise<void>;
  /** Rows of a query as plain JS values (BIGINT as number). */
  rows(sql: string, progress?: ProgressSpan): Promise<unknown[][]>;
  close(): void;
}

/** A slice of the job's progress bar. */
export interface ProgressSpan {
  readonly report: (fraction: number) => void;
  readonly from: number;
  readonly to: number;
}

function plain(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** Open an in-memory DuckDB with the given limits, UTC session time zone and a temporary spill directory. */
export async function openEngine(options: { threads?: number; memoryLimit: string }): Promise<Engine> {
  const spill = mkdtempSync(join(tmpdir(), 'queuecast-ingest-'));
  const config: Record<string, string> = { memory_limit: options.memoryLimit, temp_directory: spill };
  if (options.threads !== undefined) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);

  const watch = async <T>(work: Promise<T>, progress?: ProgressSpan): Promise<T> => {
    if (progress === undefined) return work;
    const timer = setInterval(() => {
      const p = conn.progress.percentage;
      if (p >= 0) progress.report(progress.from + ((progress.to - progress.from) * Math.min(p, 100)) / 100);
    }, 150);
    try {
      return await work;
    } finally {
      clearInterval(timer);
      progress.report(progress.to);
    }
  };

  return {
    conn,
    run: async (sql, progress) => {
      await watch(conn.run(sql), progress);
    },
    rows: async (sql, progress) => {
      const r = await watch(conn.runAndReadAll(sql), progress);
      return r.getRowsJS().map((row) => row.map(plain));
    },
    close: () => {
      conn.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}
