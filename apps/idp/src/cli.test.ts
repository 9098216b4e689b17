import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startIdp } from './index.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  /** Resolves with the output once `marker` appears on stdout. */
  waitFor(marker: string): Promise<string>;
  signal(name: NodeJS.Signals): void;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** CLI processes started by the current test that have not exited yet. */
const running = new Set<ChildProcess>();

// A failed assertion skips the test's own SIGTERM: kill what is left, or an orphan IdP keeps its ports.
afterEach(async () => {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
});

/** Runs the CLI the way `pnpm start` does, with the given environment overrides. */
function runCli(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', './scripts/register-ts.mjs', 'src/cli.ts'], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  const waiters: { marker: string; resolve: (out: string) => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const waiter of waiters.filter((w) => stdout.includes(w.marker))) waiter.resolve(stdout);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    waitFor: (marker) =>
      new Promise((resolve, reject) => {
        if (stdout.includes(marker)) resolve(stdout);
        else waiters.push({ marker, resolve });
        void exit.then((result) => reject(new Error(`CLI exited (${String(result.code)}): ${result.stderr}`)));
      }),
    signal: (name) => child.kill(name),
    exit,
  };
}

describe('cli', () => {
  it('starts the IdP and the API, prints the URLs and test accounts, and stops on SIGTERM', async () => {
    const run = runCli({ IDP_PORT: '0', API_PORT: '0', ACCESS_TOKEN_TTL: '7' });
    const out = await run.waitFor('Press Ctrl-C to stop.');
    expect(out).toContain('alice / wonderland');
    expect(out).toContain('bob / builder\n');
    expect(out).toContain('mallory / locked-out  (disabled account)\n');
    expect(out).toContain('carol / expired-password  (password expired)\n');

    const issuer = /IdP \(issuer\)\s+(\S+)/.exec(out)?.[1] ?? '';
    const apiNotes = /API\s+(\S+)/.exec(out)?.[1] ?? '';
    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const token = await fetch(`${issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'ropc-kit-demo', username: 'bob', password: 'builder' }),
    });
    const tokens: unknown = await token.json();
    expect(tokens).toMatchObject({ expires_in: 7 });
    expect((await fetch(apiNotes)).status).toBe(401);

    run.signal('SIGTERM');
    const { code } = await run.exit;
    expect(code).toBe(0);
    await expect(fetch(`${issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });

  it.each([
    ['IdP', 'IDP_PORT', 'API_PORT', 4100],
    ['API', 'API_PORT', 'IDP_PORT', 4101],
  ])('exits 1 with a clear message naming %s and its variable when its port is in use', async (server, variable, other, example) => {
    const busy = await startIdp();
    try {
      const { code, stderr } = await runCli({ [variable]: String(busy.port), [other]: '0' }).exit;
      expect(code).toBe(1);
      expect(stderr).toContain(`${server} could not start: port ${String(busy.port)} on 127.0.0.1 is already in use`);
      expect(stderr).toContain(`Set ${variable} to a free port, e.g. ${variable}=${String(example)} pnpm --filter @ropc-kit/idp start`);
    } finally {
      await busy.close();
    }
  });

  it('exits 1 when a port setting is not a number', async () => {
    const { code, stderr } = await runCli({ IDP_PORT: 'forty', API_PORT: '0' }).exit;
    expect(code).toBe(1);
    expect(stderr).toContain('IDP_PORT must be a whole number from 0 to 65535, got "forty"');
  });
});
