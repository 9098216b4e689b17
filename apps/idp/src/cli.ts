import { accountNote, TEST_CLIENTS, TEST_USERS } from './accounts.ts';
import { DEFAULT_DEMO_ORIGINS, startLocalStack } from './stack.ts';

// `pnpm --filter @ropc-kit/idp start`: the IdP and the protected API for local development.
// Environment: IDP_PORT (4000), API_PORT (4001), HOST (127.0.0.1), ACCESS_TOKEN_TTL (30 seconds),
// CORS_ORIGINS (comma-separated exact origins; default the Vite dev and preview origins).

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > 65535) {
    throw new Error(`${name} must be a whole number from ${String(min)} to 65535, got "${raw}"`);
  }
  return value;
}

function originsFromEnv(): string[] {
  const raw = process.env['CORS_ORIGINS'];
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_DEMO_ORIGINS];
  return raw.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
}

async function main(): Promise<void> {
  const stack = await startLocalStack({
    idpPort: intFromEnv('IDP_PORT', 4000, 0),
    apiPort: intFromEnv('API_PORT', 4001, 0),
    host: process.env['HOST'] ?? '127.0.0.1',
    accessTokenTtl: intFromEnv('ACCESS_TOKEN_TTL', 30, 1),
    corsOrigins: originsFromEnv(),
  });

  const users = TEST_USERS.map((u) => {
    const note = accountNote(u);
    return `  ${u.username} / ${u.password}${note === undefined ? '' : `  (${note})`}`;
  });
  console.log(
    [
      `IdP (issuer)  ${stack.idp.issuer}`,
      `Discovery     ${stack.idp.issuer}/.well-known/openid-configuration`,
      `API           ${stack.api.url}/api/notes  ${stack.api.url}/api/me`,
      `Clients       public: ${TEST_CLIENTS.public.client_id}`,
      `              basic:  ${TEST_CLIENTS.basic.client_id} / ${TEST_CLIENTS.basic.client_secret}`,
      `              post:   ${TEST_CLIENTS.post.client_id} / ${TEST_CLIENTS.post.client_secret}`,
      'Test accounts',
      ...users,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the IdP and the API...`);
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** For a port in use, which variable moves that server: the listen error names the server first. */
function portHint(error: unknown): string {
  const inUse = error instanceof Error && error.cause instanceof Error && 'code' in error.cause && error.cause.code === 'EADDRINUSE';
  if (!inUse) return '';
  const variable = error.message.startsWith('API ') ? 'API_PORT' : 'IDP_PORT';
  const example = variable === 'API_PORT' ? 4101 : 4100;
  return `\nSet ${variable} to a free port, e.g. ${variable}=${String(example)} pnpm --filter @ropc-kit/idp start`;
}

main().catch((error: unknown) => {
  console.error(`${error instanceof Error ? error.message : String(error)}${portHint(error)}`);
  process.exit(1);
});
