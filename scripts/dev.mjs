// `pnpm run dev` (and `npm start`): the local IdP, the protected API and the demo's Vite
// dev server in one process. Prints the URL to open and the test accounts; Ctrl-C stops all.
//
// Environment: IDP_PORT (4000), API_PORT (4001), DEMO_PORT (5173), ACCESS_TOKEN_TTL
// (seconds, 30: short so the demo shows renewals), REFRESH_MARGIN (seconds, 10).
import { createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const host = '127.0.0.1';
const demoDir = fileURLToPath(new URL('../apps/demo/', import.meta.url));
const idpEntry = fileURLToPath(new URL('../apps/idp/src/index.ts', import.meta.url));

function fail(message) {
  console.error(`\n[ropc-kit] ${message}\n`);
  process.exit(1);
}

function readInt(name, fallback, { min, max }) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

const ports = {
  IDP_PORT: readInt('IDP_PORT', 4000, { min: 1, max: 65535 }),
  API_PORT: readInt('API_PORT', 4001, { min: 1, max: 65535 }),
  DEMO_PORT: readInt('DEMO_PORT', 5173, { min: 1, max: 65535 }),
};
const accessTokenTtl = readInt('ACCESS_TOKEN_TTL', 30, { min: 5, max: 86400 });
const refreshMargin = readInt('REFRESH_MARGIN', 10, { min: 0, max: accessTokenTtl - 1 });

if (new Set(Object.values(ports)).size !== 3) {
  fail(`IDP_PORT, API_PORT and DEMO_PORT must differ (got ${JSON.stringify(ports)}).`);
}

/** Resolves when `port` can be bound on `host`, rejects with the listen error otherwise. */
function probe(port) {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

// Check every port first so a clash is reported before anything starts.
for (const [name, port] of Object.entries(ports)) {
  try {
    await probe(port);
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      fail(
        `Port ${port} (${name}) on ${host} is already in use. Stop the process using it, ` +
          `or choose another port, e.g. ${name}=${port + 100} npm start`,
      );
    }
    fail(`Cannot listen on ${host}:${port} (${name}): ${error.message}`);
  }
}

// Vite lives in the demo's dependencies; it also loads the IdP's TypeScript sources.
const requireFromDemo = createRequire(new URL('package.json', pathToFileURL(demoDir)));
const vite = await import(pathToFileURL(requireFromDemo.resolve('vite')).href);
const { module: idpModule } = await vite.runnerImport(idpEntry);
const { startIdp, startApi, TEST_USERS, accountNote } = idpModule;

const demoOrigins = [`http://${host}:${ports.DEMO_PORT}`, `http://localhost:${ports.DEMO_PORT}`];
const running = [];

async function stopAll() {
  // Reverse start order: the demo first, the IdP last.
  for (const service of running.reverse()) {
    try {
      await service.close();
    } catch (error) {
      console.error(`[ropc-kit] error while stopping: ${error.message}`);
    }
  }
  running.length = 0;
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // Ctrl-C reaches this process twice (the terminal's process group, and pnpm forwarding
    // it): stop once, and give up after a few seconds if a server does not close.
    if (stopping) return;
    stopping = true;
    console.log('\n[ropc-kit] stopping the demo, the API and the IdP...');
    setTimeout(() => {
      console.error('[ropc-kit] a server did not stop within 5 s; exiting anyway.');
      process.exit(1);
    }, 5000).unref();
    void stopAll().then(() => process.exit(0));
  });
}

try {
  const idp = await startIdp({ port: ports.IDP_PORT, host, accessTokenTtl, corsOrigins: demoOrigins });
  running.push(idp);
  const api = await startApi({ idp, port: ports.API_PORT, corsOrigins: demoOrigins });
  running.push(api);

  // Vite exposes VITE_* variables of process.env to the app (src/config.ts reads them).
  process.env.VITE_AUTHORITY = idp.issuer;
  process.env.VITE_API_URL = api.url;
  process.env.VITE_REFRESH_MARGIN = String(refreshMargin);
  const demo = await vite.createServer({
    root: demoDir,
    server: { host, port: ports.DEMO_PORT, strictPort: true },
    clearScreen: false,
  });
  running.push(demo);
  await demo.listen();

  const accounts = TEST_USERS.map((user) => {
    const note = accountNote(user);
    return `    ${user.username.padEnd(10)} ${user.password.padEnd(18)}${note === undefined ? '' : ` (${note})`}`.trimEnd();
  }).join('\n');
  console.log(`
  ropc-kit demo is running.

  Open      http://${host}:${ports.DEMO_PORT}/

  IdP       ${idp.issuer}   (access tokens live ${accessTokenTtl} s, renewed ${refreshMargin} s before expiry)
  API       ${api.url}/api/notes

  Test accounts (username / password):
${accounts}

  Press Ctrl-C to stop.
`);
} catch (error) {
  await stopAll();
  fail(error instanceof Error ? error.message : String(error));
}
