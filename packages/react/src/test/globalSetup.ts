import type { TestProject } from 'vitest/node';
import { startApi, startIdp, TEST_CLIENTS } from '@ropc-kit/idp';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The local OpenID provider and protected API started for the integration tests. */
    readonly ropcStack: { readonly issuer: string; readonly apiUrl: string; readonly clientId: string };
  }
}

/**
 * Starts apps/idp and its API in the main Node process: oidc-provider's JWT signing (jose)
 * fails inside the jsdom test environment (its Uint8Array is another realm's), so the
 * servers must not run in the test workers (the tests do not even import @ropc-kit/idp).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const idp = await startIdp({ port: 0 });
  const api = await startApi({ idp, port: 0 });
  project.provide('ropcStack', { issuer: idp.issuer, apiUrl: api.url, clientId: TEST_CLIENTS.public.client_id });
  return async () => {
    await api.close();
    await idp.close();
  };
}
