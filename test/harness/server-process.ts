import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  pid: number;
  /** SIGTERM: a graceful shutdown */
  stop(): Promise<void>;
  /** SIGKILL: the process dies on the spot, as in a crash or an OOM kill */
  kill(): Promise<void>;
  /** whether it still runs, or how it exited, with the tail of what it wrote (logs go to stdout) */
  describe(): string;
}

/** Keeps the last `max` characters written to a stream. */
function tail(stream: NodeJS.ReadableStream | null, max = 4000): () => string {
  let text = '';
  stream?.on('data', (d) => (text = (text + String(d)).slice(-max)));
  return () => text;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts Docket from its sources in a separate OS process (for multi-process tests). */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const root = join(__dirname, '..', '..');
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', join(root, 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), WEB_CONCURRENCY: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = tail(child.stdout);
  const stderrTail = tail(child.stderr);
  let exit: string | null = null;
  child.once('exit', (code, signal) => (exit = `exited with ${signal ?? `code ${code}`}`));
  const output = () => `stderr: ${stderrTail().slice(-2000)} stdout: ${stdout().slice(-2000)}`;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server process exited (${child.exitCode}): ${output()}`);
    try {
      if ((await fetch(`${url}/api/method/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server process did not answer within ${timeoutMs} ms: ${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const signal = (sig: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(sig);
    });
  const describe = () => `server process ${child.pid} ${exit ?? 'still running'}; ${output()}`;
  return { url, pid: child.pid!, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL'), describe };
}
