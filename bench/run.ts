/**
 * `pnpm bench`: measures ropc-kit and oidc-client-ts + react-oidc-context side by side in one
 * run, prints the table and writes bench/results/latest.json. See bench/README.md.
 */
import './src/env.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { startIdp, TEST_CLIENTS, TEST_USERS } from '@ropc-kit/idp';
import type { Contender } from './src/contender.ts';
import { oidcClientTs } from './src/oidcClientTs.tsx';
import { formatTable, toJson, type Row } from './src/report.ts';
import { ropcKit } from './src/ropcKit.tsx';
import { clientTimePerSignin } from './src/overhead.ts';
import * as scenarios from './src/scenarios.tsx';
import { ENTRIES, measureBundle } from './src/size.ts';

const THROUGHPUT_MS = Number(process.env['BENCH_THROUGHPUT_MS'] ?? 3000);
const CALLERS = 100;

const alice = TEST_USERS.find((user) => user.username === 'alice');
if (alice === undefined) throw new Error('the IdP has no seeded user alice');

const idp = await startIdp({ port: 0 });
// Short-lived access tokens: the concurrency scenario moves its clock only 25 s to make one "expiring".
const SHORT_TTL_SECONDS = 30;
const shortIdp = await startIdp({ port: 0, accessTokenTtl: SHORT_TTL_SECONDS });
const base = {
  idp,
  clientId: TEST_CLIENTS.public.client_id,
  credentials: { username: alice.username, password: alice.password },
  strict: false,
};

const rows: Row[] = [];
function add(row: Omit<Row, 'ropcKit' | 'oidc'>, ropcKitValue: number, oidcValue: number): void {
  rows.push({ ...row, ropcKit: ropcKitValue, oidc: oidcValue });
  process.stderr.write(`  measured: ${row.metric}\n`);
}

/** Runs `measure` for both libraries, one after the other. */
async function both<T>(measure: (contender: Contender) => Promise<T>): Promise<[T, T]> {
  const ours = await measure(ropcKit);
  const theirs = await measure(oidcClientTs);
  return [ours, theirs];
}

try {
  const reactSize = [await measureBundle(ENTRIES.react.ropcKit), await measureBundle(ENTRIES.react.oidc)] as const;
  const coreSize = [await measureBundle(ENTRIES.core.ropcKit), await measureBundle(ENTRIES.core.oidc)] as const;
  add({ id: 'bundle.react.min', metric: 'React entry, minified', unit: 'bytes', better: 'lower' }, reactSize[0].minified, reactSize[1].minified);
  add({ id: 'bundle.react.gzip', metric: 'React entry, min+gzip', unit: 'bytes', better: 'lower' }, reactSize[0].gzip, reactSize[1].gzip);
  add({ id: 'bundle.core.min', metric: 'core alone, minified', unit: 'bytes', better: 'lower' }, coreSize[0].minified, coreSize[1].minified);
  add({ id: 'bundle.core.gzip', metric: 'core alone, min+gzip', unit: 'bytes', better: 'lower' }, coreSize[0].gzip, coreSize[1].gzip);

  const signin = await both((c) => scenarios.signinAfterMount(c, base));
  add({ id: 'signin.requests', metric: 'requests, sign-in after mount', unit: 'requests', better: 'lower' }, signin[0].requests, signin[1].requests);
  add({ id: 'signin.commits', metric: 'React commits per sign-in', unit: 'commits', better: 'lower' }, signin[0].commits, signin[1].commits);

  const restore = await both((c) => scenarios.restoreAtStartup(c, base));
  add({ id: 'restore.requests', metric: 'requests at start-up, stored session', unit: 'requests', better: 'lower' }, restore[0].requests, restore[1].requests);
  add({ id: 'restore.session.requests', metric: '  of which token/userinfo', unit: 'requests', better: 'lower' }, restore[0].sessionRequests, restore[1].sessionRequests);
  add({ id: 'restore.loading', metric: 'loading renders before the user', unit: 'commits', better: 'lower' }, restore[0].loadingCommits, restore[1].loadingCommits);

  const concurrent = await both((c) => scenarios.concurrentTokenCallers(c, { ...base, idp: shortIdp }, { callers: CALLERS, tokenLifetimeSeconds: SHORT_TTL_SECONDS }));
  add({ id: 'refresh.concurrent.requests', metric: `refresh requests, ${CALLERS} concurrent callers`, unit: 'requests', better: 'lower' }, concurrent[0].refreshRequests, concurrent[1].refreshRequests);
  add({ id: 'refresh.concurrent.failed', metric: `failed callers of ${CALLERS}`, unit: 'callers', better: 'lower' }, concurrent[0].failedCallers, concurrent[1].failedCallers);

  const refresh = await both((c) => scenarios.selectorAcrossRefresh(c, base));
  add({ id: 'refresh.selector.commits', metric: 'name-only consumer re-renders, refresh', unit: 'commits', better: 'lower' }, refresh[0].selectorCommits, refresh[1].selectorCommits);
  add({ id: 'refresh.app.commits', metric: 'app commits across a refresh', unit: 'commits', better: 'lower' }, refresh[0].appCommits, refresh[1].appCommits);

  const [ourRate, theirRate] = await scenarios.signinsPerSecond([ropcKit, oidcClientTs], base, THROUGHPUT_MS);
  if (ourRate === undefined || theirRate === undefined) throw new Error('throughput: missing result');
  add({ id: 'signin.throughput', metric: 'sign-ins per second, loopback', unit: 'per s', better: 'higher' }, ourRate.perSecond, theirRate.perSecond);

  const [ourTime, theirTime] = await clientTimePerSignin([ropcKit, oidcClientTs], base);
  if (ourTime === undefined || theirTime === undefined) throw new Error('client time: missing result');
  add({ id: 'signin.clientTime', metric: 'client time per sign-in, replayed HTTP', unit: 'µs', better: 'lower' }, ourTime.microsPerSignin, theirTime.microsPerSignin);
} finally {
  await idp.close();
  await shortIdp.close();
}

const meta = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  contenders: { ropcKit: ropcKit.name, oidc: oidcClientTs.name },
  notes: 'ratio = ropc-kit / oidc-client-ts. Bundles: esbuild, ESM, minified, react/react-dom/@tanstack/react-query external.',
};
const resultsDir = new URL('./results/', import.meta.url);
await mkdir(resultsDir, { recursive: true });
await writeFile(new URL('latest.json', resultsDir), toJson(rows, meta));

process.stdout.write(`\nropc-kit vs ${oidcClientTs.name} (${process.version}, ${meta.cpus} CPUs)\n\n`);
process.stdout.write(`${formatTable(rows, 'oidc-client-ts')}\n\n`);
process.stdout.write('ratio = ropc-kit / oidc-client-ts. JSON: bench/results/latest.json\n');
