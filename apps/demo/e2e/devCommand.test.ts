import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { accountNote, TEST_USERS } from '@ropc-kit/idp';
import { waitFor } from './harness.ts';
import { repoRoot } from './paths.ts';

const host = '127.0.0.1';
const portNames = ['IDP_PORT', 'API_PORT', 'DEMO_PORT'] as const;
type PortName = (typeof portNames)[number];
type Ports = Record<PortName, number>;

/** Listens on `port` of 127.0.0.1 (0: any free port); resolves with the listening server. */
async function listen(port: number): Promise<Server> {
  const server = createServer();
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}

async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('a TCP server has no port');
  return address.port;
}

/** Three ports that were free a moment ago: bound on port 0 together (so they differ), then released. */
async function freePorts(): Promise<Ports> {
  const servers = await Promise.all(portNames.map(() => listen(0)));
  const [idp, api, demo] = servers.map(portOf);
  await Promise.all(servers.map(close));
  if (idp === undefined || api === undefined || demo === undefined) throw new Error('expected three ports');
  return { IDP_PORT: idp, API_PORT: api, DEMO_PORT: demo };
}

/** Whether `port` on 127.0.0.1 can be bound right now. */
async function isFree(port: number): Promise<boolean> {
  try {
    await close(await listen(port));
    return true;
  } catch (error) {
    if (error instanceof Error && Reflect.get(error, 'code') === 'EADDRINUSE') return false;
    throw error;
  }
}

interface DevRun {
  child: ChildProcess;
  /** Everything printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exit: Promise<number | null>;
  /** Resolves with stdout once it contains `marker`; fails at once if the command exits first. */
  waitForOutput: (marker: string) => Promise<string>;
}

/** `node scripts/dev.mjs` processes started by the current test that have not exited yet. */
const running = new Set<ChildProcess>();

// A failed assertion skips the test's own SIGINT: kill what is left, or an orphan keeps three ports.
afterEach(async () => {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
});

/** Runs `pnpm run dev` (`node scripts/dev.mjs`) from the repository root on the given ports. */
function runDev(ports: Ports): DevRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // As from a shell: no test mode, the default token lifetime and margin.
  delete env.NODE_ENV;
  delete env.ACCESS_TOKEN_TTL;
  delete env.REFRESH_MARGIN;
  for (const name of portNames) env[name] = String(ports[name]);
  const child = spawn(process.execPath, ['scripts/dev.mjs'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => {
    // 'close', not 'exit': all output has been read by then.
    child.on('close', (code) => {
      exited = true;
      running.delete(child);
      resolve(code);
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    waitForOutput: async (marker) => {
      await waitFor(
        `"${marker}" from scripts/dev.mjs`,
        () => {
          if (stdout.includes(marker)) return true;
          if (exited) throw new Error(`scripts/dev.mjs exited before printing "${marker}":\n${stdout}\n${stderr}`);
          return false;
        },
        30_000,
      );
      return stdout;
    },
  };
}

describe('the one command (npm start / pnpm run dev)', () => {
  it('starts the IdP, the API and the demo on the configured ports, prints the URL and accounts, and stops on Ctrl-C', async () => {
    const ports = await freePorts();
    const run = runDev(ports);
    const out = await run.waitForOutput('Press Ctrl-C to stop.');

    const demoUrl = `http://${host}:${String(ports.DEMO_PORT)}/`;
    const issuer = `http://${host}:${String(ports.IDP_PORT)}`;
    const apiUrl = `http://${host}:${String(ports.API_PORT)}`;
    expect(out).toContain(`Open      ${demoUrl}\n`);
    expect(out).toContain(`IdP       ${issuer} `);
    expect(out).toContain(`API       ${apiUrl}/api/notes\n`);
    expect(TEST_USERS.length).toBeGreaterThan(0);
    for (const user of TEST_USERS) {
      const note = accountNote(user);
      expect(out).toMatch(new RegExp(`^ +${user.username} +${user.password}${note === undefined ? '' : ` +\\(${note}\\)`}$`, 'm'));
    }
    // The accounts that cannot sign in say why.
    expect(out).toMatch(/^ +mallory +locked-out +\(disabled account\)$/m);
    expect(out).toMatch(/^ +carol +expired-password +\(password expired\)$/m);

    // The demo page, served by Vite, pointed at this IdP and API (VITE_* set by the command).
    const page = await fetch(demoUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('src="/src/main.tsx"');
    const configModule = await (await fetch(`${demoUrl}src/config.ts`)).text();
    expect(configModule).toContain(`"VITE_AUTHORITY": "${issuer}"`);
    expect(configModule).toContain(`"VITE_API_URL": "${apiUrl}"`);

    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(await discovery.json()).toMatchObject({ issuer, token_endpoint: `${issuer}/token` });

    // RFC 6750 §3.1: a request without a token gets a bare Bearer challenge, no error code.
    const notes = await fetch(`${apiUrl}/api/notes`);
    expect(notes.status).toBe(401);
    expect(notes.headers.get('www-authenticate')).toBe('Bearer');

    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toContain('[ropc-kit] stopping the demo, the API and the IdP...');
    for (const name of portNames) expect({ [name]: await isFree(ports[name]) }).toEqual({ [name]: true });
  });

  it.each(portNames)('exits 1 with a message naming %s when that port is already in use', async (taken) => {
    const ports = await freePorts();
    const holder = await listen(ports[taken]);
    try {
      const run = runDev(ports);
      expect(await run.exit).toBe(1);
      const port = String(ports[taken]);
      expect(run.stderr()).toContain(
        `[ropc-kit] Port ${port} (${taken}) on ${host} is already in use. Stop the process using it, ` +
          `or choose another port, e.g. ${taken}=${String(ports[taken] + 100)} npm start`,
      );
      // Checked before anything starts: nothing was started, nothing is left on the other ports.
      expect(run.stdout()).not.toContain('ropc-kit demo is running');
      for (const name of portNames.filter((n) => n !== taken)) expect({ [name]: await isFree(ports[name]) }).toEqual({ [name]: true });
    } finally {
      await close(holder);
    }
  });
});
