/**
 * `pnpm --filter @ropc-kit/bench sizes`: what the kit's bundles are made of, file by file, and
 * what each optional piece costs, to see where bytes go before the size budget fails.
 */
import { ENTRIES, bundleBreakdown, measureBundle } from './src/size.ts';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

for (const [name, entry] of [
  ['{ AuthProvider, useAuth, LoginForm }', ENTRIES.react.ropcKit],
  ['{ createAuthClient }', ENTRIES.core.ropcKit],
] as const) {
  const size = await measureBundle(entry);
  out(`\n${name}: ${size.minified} bytes minified, ${size.gzip} min+gzip`);
  for (const { file, bytes } of await bundleBreakdown(entry)) out(`${String(bytes).padStart(8)}  ${file}`);
}

/**
 * Each module replaced by a do-nothing stub with the same exports. The difference is that
 * module's own min+gzip cost; the code that calls it (in authClient.ts, settings.ts) is not
 * counted, so moving the feature out of the default entry would save a little more.
 */
const STUBS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'client.fetch, apiOrigins guard': { 'core/src/authFetch.ts': 'export const createAuthFetch = () => fetch;' },
  'id_token claim checks, jwt-decode': { 'core/src/protocol/idToken.ts': 'export const validateIdToken = () => ({});' },
  'discovery': { 'core/src/protocol/discovery.ts': 'export const createMetadataLoader = (c, s) => () => Promise.resolve(s.metadata);' },
  'renewal timers, back-off': {
    'core/src/renewal.ts': 'export const createRenewal = () => ({ start() {}, stop() {}, reschedule() {}, failed() {}, retryAt: () => 0, reset() {} });',
  },
  'revocation on sign-out': {
    'core/src/protocol/revocation.ts':
      'export const createDroppedTokens = () => ({ revoke() {}, settled: async () => {} }); export const revokeTokens = async () => null; export const revocationError = (e) => e;',
  },
  'cross-tab events, Web Locks': {
    'core/src/crossTab.ts': 'export const listenToStorageEvents = () => () => {}; export const runExclusive = (l, n, task) => task();',
  },
  'userinfo': { 'core/src/protocol/userinfo.ts': 'export const userinfoRequest = async () => {}; export const processUserinfoResponse = () => ({});' },
};

const whole = await measureBundle(ENTRIES.react.ropcKit);
out(`\nWhat each module costs in { AuthProvider, useAuth, LoginForm } (min+gzip, without it vs ${whole.gzip}):`);
for (const [feature, stubs] of Object.entries(STUBS)) {
  const without = await measureBundle(ENTRIES.react.ropcKit, stubs);
  out(`${String(whole.gzip - without.gzip).padStart(8)}  ${feature}`);
}
const all = await measureBundle(ENTRIES.react.ropcKit, Object.assign({}, ...Object.values(STUBS)) as Record<string, string>);
out(`${String(all.gzip).padStart(8)}  the entry without all of them`);
