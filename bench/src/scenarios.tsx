/**
 * The measured scenarios, shared by `pnpm bench` and the budget tests. Each runs the same
 * steps on a {@link Contender} against a real IdP and returns counts read from the IdP's
 * request log and from React `<Profiler>` commits. Nothing here measures time except
 * {@link signinsPerSecond}, which only the bench runs.
 */
import './env.ts';
import { Profiler, StrictMode, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ClientHandle, Contender, Credentials, IdpLike } from './contender.ts';
import { tick, whenNetworkIdle } from './env.ts';

/** Where a scenario runs. */
export interface ScenarioContext {
  readonly idp: IdpLike;
  readonly clientId: string;
  readonly credentials: Credentials;
  /** Render under `<StrictMode>` (the budget tests do; the bench measures production-like renders). */
  readonly strict: boolean;
}

interface Mounted {
  unmount(): Promise<void>;
}

async function mount(node: ReactNode, strict: boolean): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(strict ? <StrictMode>{node}</StrictMode> : node);
  await whenNetworkIdle();
  return {
    async unmount() {
      root.unmount();
      await tick();
      container.remove();
    },
  };
}

async function withClient<T>(
  contender: Contender,
  ctx: ScenarioContext,
  storage: unknown,
  run: (client: ClientHandle) => Promise<T>,
): Promise<T> {
  const client = contender.createClient({ issuer: ctx.idp.issuer, clientId: ctx.clientId, storage });
  try {
    return await run(client);
  } finally {
    await client.destroy();
  }
}

/** Signs in with a client of its own, leaving a valid session in the returned storage. */
async function storedSession(contender: Contender, ctx: ScenarioContext): Promise<unknown> {
  const storage = contender.createStorage();
  await withClient(contender, ctx, storage, (client) => client.signin(ctx.credentials));
  return storage;
}

/** Result of {@link signinAfterMount}. */
export interface SigninResult {
  /** HTTP requests from calling the hook's sign-in action to signed in. */
  readonly requests: number;
  /** React commits of the whole app in the same span. */
  readonly commits: number;
}

/** Mounts the provider, waits for its start-up requests, then signs in through the hook. */
export async function signinAfterMount(contender: Contender, ctx: ScenarioContext): Promise<SigninResult> {
  return withClient(contender, ctx, contender.createStorage(), async (client) => {
    let commits = 0;
    let session: ReturnType<Contender['useSession']> | undefined;
    function Probe(): null {
      session = contender.useSession();
      return null;
    }
    const app = await mount(
      <Profiler id="app" onRender={() => (commits += 1)}>
        <contender.Provider client={client}>
          <Probe />
        </contender.Provider>
      </Profiler>,
      ctx.strict,
    );
    try {
      ctx.idp.clearRequests();
      commits = 0;
      await session?.signin(ctx.credentials);
      await whenNetworkIdle();
      if (session?.signedIn !== true) throw new Error(`${contender.name}: not signed in after sign-in`);
      return { requests: ctx.idp.requests.length, commits };
    } finally {
      await app.unmount();
    }
  });
}

/** Result of {@link restoreAtStartup}. */
export interface RestoreResult {
  /** Every HTTP request from mount to idle. */
  readonly requests: number;
  /** Of those, requests to the token or userinfo endpoints (discovery excluded). */
  readonly sessionRequests: number;
  /** Commits that showed no user before the first one that showed the stored user. */
  readonly loadingCommits: number;
}

/** Mounts the provider over a valid stored session, like a page reload. */
export async function restoreAtStartup(contender: Contender, ctx: ScenarioContext): Promise<RestoreResult> {
  const storage = await storedSession(contender, ctx);
  return withClient(contender, ctx, storage, async (client) => {
    const shown: boolean[] = [];
    let signedIn = false;
    function Probe(): null {
      signedIn = contender.useSession().signedIn;
      return null;
    }
    ctx.idp.clearRequests();
    const app = await mount(
      <Profiler id="app" onRender={() => shown.push(signedIn)}>
        <contender.Provider client={client}>
          <Probe />
        </contender.Provider>
      </Profiler>,
      ctx.strict,
    );
    try {
      const firstWithUser = shown.indexOf(true);
      if (firstWithUser < 0) throw new Error(`${contender.name}: the stored session was not restored`);
      const requests = ctx.idp.requests;
      const sessionRequests = requests.filter((r) => !r.path.includes('/.well-known/')).length;
      return { requests: requests.length, sessionRequests, loadingCommits: firstWithUser };
    } finally {
      await app.unmount();
    }
  });
}

/** Result of {@link concurrentTokenCallers}. */
export interface ConcurrentResult {
  /** refresh_token grant requests the IdP received. */
  readonly refreshRequests: number;
  /** Callers whose call rejected. */
  readonly failedCallers: number;
}

/**
 * `callers` ask for a token at once while it is expiring: after signing in, the client's clock
 * moves to 5 s before the access token's expiry (`tokenLifetimeSeconds`, the IdP's setting),
 * inside any refresh margin and before expiry. oidc-client-ts takes no clock; its
 * `signinSilent()` refreshes whenever it is called.
 */
export async function concurrentTokenCallers(
  contender: Contender,
  ctx: ScenarioContext,
  { callers = 100, tokenLifetimeSeconds }: { callers?: number; tokenLifetimeSeconds: number },
): Promise<ConcurrentResult> {
  let skewMs = 0;
  const now = (): number => Date.now() + skewMs;
  const client = contender.createClient({ issuer: ctx.idp.issuer, clientId: ctx.clientId, storage: contender.createStorage(), now });
  try {
    await client.signin(ctx.credentials);
    skewMs = (tokenLifetimeSeconds - 5) * 1000;
    ctx.idp.clearRequests();
    const results = await Promise.allSettled(Array.from({ length: callers }, () => client.getToken()));
    await whenNetworkIdle();
    return {
      refreshRequests: ctx.idp.requests.filter((r) => r.grantType === 'refresh_token').length,
      failedCallers: results.filter((r) => r.status === 'rejected').length,
    };
  } finally {
    await client.destroy();
  }
}

/** Result of {@link selectorAcrossRefresh}. */
export interface RefreshRendersResult {
  /** Commits of a component that shows only the user's name. */
  readonly selectorCommits: number;
  /** Commits of the whole app in the same span. */
  readonly appCommits: number;
}

/** Signs in, then refreshes the token once while a name-only consumer is mounted. */
export async function selectorAcrossRefresh(contender: Contender, ctx: ScenarioContext): Promise<RefreshRendersResult> {
  return withClient(contender, ctx, contender.createStorage(), async (client) => {
    let appCommits = 0;
    let selectorCommits = 0;
    function Name(): ReactNode {
      const name = contender.useUserName();
      // Runs once per commit that rendered Name (StrictMode double-invokes renders, not update effects).
      useLayoutEffect(() => {
        selectorCommits += 1;
      });
      return <span>{name}</span>;
    }
    const app = await mount(
      <Profiler id="app" onRender={() => (appCommits += 1)}>
        <contender.Provider client={client}>
          <Name />
        </contender.Provider>
      </Profiler>,
      ctx.strict,
    );
    try {
      await client.signin(ctx.credentials);
      await whenNetworkIdle();
      ctx.idp.clearRequests();
      appCommits = 0;
      selectorCommits = 0;
      await client.refresh();
      await whenNetworkIdle();
      const refreshes = ctx.idp.requests.filter((r) => r.grantType === 'refresh_token').length;
      if (refreshes !== 1) throw new Error(`${contender.name}: expected one refresh request, saw ${refreshes}`);
      return { selectorCommits, appCommits };
    } finally {
      await app.unmount();
    }
  });
}

/** Result of {@link signinsPerSecond}, per contender. */
export interface ThroughputResult {
  readonly signins: number;
  readonly perSecond: number;
}

/**
 * Sequential sign-ins through one client per contender (bench only: it measures time).
 * The IdP is the same for all, so differences are client overhead. After a warm-up of both
 * (the IdP's own code warms up too), the contenders take turns in `rounds` slices of
 * `durationMs / rounds`, so neither gets a warmer server. Bounded by time and `maxSignins`.
 */
export async function signinsPerSecond(
  contenders: readonly Contender[],
  ctx: ScenarioContext,
  durationMs = 3000,
  { rounds = 6, warmup = 50, maxSignins = 20_000 } = {},
): Promise<ThroughputResult[]> {
  const clients = contenders.map((c) =>
    c.createClient({ issuer: ctx.idp.issuer, clientId: ctx.clientId, storage: c.createStorage() }),
  );
  try {
    for (const client of clients) for (let i = 0; i < warmup; i += 1) await client.signin(ctx.credentials);
    const totals = clients.map(() => ({ signins: 0, ms: 0 }));
    const slice = durationMs / rounds;
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, client] of clients.entries()) {
        const total = totals[index];
        if (total === undefined) continue;
        const start = performance.now();
        while (total.signins < maxSignins && performance.now() - start < slice) {
          await client.signin(ctx.credentials);
          total.signins += 1;
        }
        total.ms += performance.now() - start;
      }
    }
    ctx.idp.clearRequests();
    return totals.map(({ signins, ms }) => ({ signins, perSecond: (signins * 1000) / ms }));
  } finally {
    for (const client of clients) await client.destroy();
  }
}
