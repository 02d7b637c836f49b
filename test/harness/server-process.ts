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
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server process exited (${child.exitCode}): ${stderr.slice(-2000)}`);
    try {
      if ((await fetch(`${url}/api/method/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server process did not answer within ${timeoutMs} ms: ${stderr.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const signal = (sig: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(sig);
    });
  return { url, pid: child.pid!, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}
