import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI, as `npm start` runs it. */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** A `casus serve` process of the built CLI, listening on a free loopback port. */
export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves once the process has exited (after a kill, at once if it had already). */
  exited: Promise<void>;
  /** Its resident set size in bytes now (Linux: /proc; elsewhere: ps). */
  rss: () => number;
}

/**
 * Starts `node dist/cli/main.js serve --port 0 --db <db> [args]` and resolves with its URL, read from the
 * line the CLI prints once it listens. Rejects (and kills the process) if it exits or stays silent.
 */
export function spawnServer(db: string, timeoutMs = 30_000, args: readonly string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  // A server must not outlive the test or bench that started it, whatever way that ends.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      process.off('exit', orphan);
      done();
    });
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`casus serve said nothing for ${timeoutMs} ms: ${out}${err}`));
    }, timeoutMs);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url || child.pid === undefined) return;
      clearTimeout(timer);
      const pid = child.pid;
      resolve({ url, pid, child, exited, rss: () => rssOf(pid) });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`casus serve exited (${signal ?? code}) before listening: ${err || out}`));
    });
  });
}

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: ask ps
  }
  return Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim()) * 1024;
}
