/**
 * Request and render budgets: the counts `pnpm bench` reports for ropc-kit, held to fixed
 * limits, measured by the same scenarios against the real IdP. No wall-clock assertion.
 * Renders run under <StrictMode>, so double-invoked effects cannot hide extra requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, TEST_CLIENTS, TEST_USERS, type RunningIdp } from '@ropc-kit/idp';
import { useAuth } from '@ropc-kit/react';
import type { Contender } from './contender.ts';
import { ropcKit } from './ropcKit.tsx';
import {
  concurrentTokenCallers,
  restoreAtStartup,
  selectorAcrossRefresh,
  signinAfterMount,
  type ScenarioContext,
} from './scenarios.tsx';

const SHORT_TTL_SECONDS = 30;

describe('request and render budgets against the real IdP', () => {
  let idp: RunningIdp;
  let shortIdp: RunningIdp;
  let ctx: ScenarioContext;

  beforeAll(async () => {
    idp = await startIdp({ port: 0 });
    // Short-lived access tokens: the scenario's clock moves only 25 s to make one "expiring".
    shortIdp = await startIdp({ port: 0, accessTokenTtl: SHORT_TTL_SECONDS });
    const alice = TEST_USERS.find((user) => user.username === 'alice');
    if (alice === undefined) throw new Error('the IdP has no seeded user alice');
    ctx = {
      idp,
      clientId: TEST_CLIENTS.public.client_id,
      credentials: { username: alice.username, password: alice.password },
      strict: true,
    };
  });

  afterAll(async () => {
    await idp.close();
    await shortIdp.close();
  });

  it('signs in with exactly one request once the provider has mounted', async () => {
    const result = await signinAfterMount(ropcKit, ctx);
    expect(result.requests, 'HTTP requests from sign-in to signed in').toBe(1);
  });

  it('restores a stored session with no request at all and no loading render', async () => {
    const result = await restoreAtStartup(ropcKit, ctx);
    expect(result.requests, 'requests at start-up (discovery included)').toBe(0);
    expect(result.sessionRequests, 'token/userinfo requests at start-up').toBe(0);
    expect(result.loadingCommits, 'commits without the user before the first with it').toBe(0);
  });

  it('sends one refresh request for 100 concurrent token callers, and every caller gets a token', async () => {
    const result = await concurrentTokenCallers(ropcKit, { ...ctx, idp: shortIdp }, {
      callers: 100,
      tokenLifetimeSeconds: SHORT_TTL_SECONDS,
    });
    expect(result).toEqual({ refreshRequests: 1, failedCallers: 0 });
  });

  it('does not re-render a useAuth(selector) consumer of the name when the token is refreshed', async () => {
    const result = await selectorAcrossRefresh(ropcKit, ctx);
    expect(result.selectorCommits, 'commits of the name-only consumer across one refresh').toBe(0);
  });

  it('counts re-renders it should: a consumer of the whole useAuth() value re-renders across a refresh', async () => {
    // Control for the budget above: the same scenario, without a selector, must see the refresh
    // (status "refreshing", then the new user).
    const withoutSelector: Contender = { ...ropcKit, useUserName: () => useAuth().user?.profile.name };
    const result = await selectorAcrossRefresh(withoutSelector, ctx);
    expect(result.selectorCommits).toBeGreaterThan(0);
  });
});
