import type { Response } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  journey,
  notesUpdatedAt,
  profileHeading,
  readStorages,
  refreshCount,
  reloadNotes,
  signIn,
  signInHeading,
  waitFor,
  waitUntilExpired,
} from './harness.ts';

describe('session', () => {
  journey('3. a reload with session storage keeps the user signed in without a token request', {}, async ({ page, idp, tokenPath }) => {
    await page.getByLabel('Session storage').check();
    await signIn(page, 'alice', 'wonderland');
    await profileHeading(page, 'Alice Liddell').waitFor();
    expect(Object.keys((await readStorages(page)).session)).toHaveLength(1);

    idp.clearRequests();
    await page.reload();
    await profileHeading(page, 'Alice Liddell').waitFor();

    // Checked the moment the user shows: the session came from sessionStorage, not the token endpoint.
    expect(idp.requests.filter((request) => request.path === tokenPath)).toEqual([]);
    await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();
    // A restored session is not a sign-in: focus stays where a page load puts it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  });

  // Automatic refresh is off here, as for a tab whose timers were throttled or a device that
  // slept: the token really expires, and the next data request must renew it on its own.
  journey(
    '4. past the access-token lifetime the data still loads after exactly one silent refresh',
    { accessTokenTtl: 3, demo: { automaticRefresh: false, refreshMargin: 1 } },
    async ({ page, idp, api }) => {
      await signIn(page, 'alice', 'wonderland');
      await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();
      const firstLoad = await notesUpdatedAt(page);

      await waitUntilExpired(page);
      // No refresh so far: the one counted below is the silent refresh of the data request.
      expect(refreshCount(idp)).toBe(0);
      const apiBefore = api.requests.length;
      await reloadNotes(page);

      expect(await notesUpdatedAt(page)).toBeGreaterThan(firstLoad);
      expect(refreshCount(idp)).toBe(1);
      expect(await page.getByTestId('notes').getByRole('listitem').count()).toBe(3);
      const notesCalls = api.requests.slice(apiBefore).filter((request) => request.path === '/api/notes' && request.method === 'GET');
      expect(notesCalls.at(-1)?.status).toBe(200);
      await page.getByText('Renewed 1×', { exact: false }).waitFor();
    },
  );

  // Automatic refresh on, as a user runs the demo: the timer renews the token `refreshMargin`
  // seconds before it expires, without a click and without a data request asking for it.
  journey(
    'the refresh timer renews the access token before it expires, with no user action, and the data loads with the new one',
    { accessTokenTtl: 6, demo: { automaticRefresh: true, refreshMargin: 1 } },
    async ({ page, idp, api, tokenPath }) => {
      // The refresh responses as the browser received them (the IdP counts the requests).
      const refreshResponses: Response[] = [];
      page.on('response', (response) => {
        const grantType = new URLSearchParams(response.request().postData() ?? '').get('grant_type');
        if (new URL(response.url()).pathname === tokenPath && grantType === 'refresh_token') refreshResponses.push(response);
      });
      const tokenCard = page.getByRole('region', { name: 'Access token' });
      await signIn(page, 'alice', 'wonderland');
      await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();
      expect(await page.getByTestId('renewals').textContent()).toBe('Not renewed yet.');
      expect(await page.getByTestId('token-state').textContent()).toBe('Renews 1 s before expiry');
      const expiresBefore = Date.parse((await tokenCard.locator('time').getAttribute('datetime')) ?? '');

      // No user action from here until the page shows the renewal.
      await page.getByTestId('renewals').getByText('Renewed 1×', { exact: false }).waitFor({ timeout: 15_000 });
      expect(refreshCount(idp)).toBe(1);
      // The timer did it, not a data request: the notes were requested once, at sign-in.
      expect(api.requests.filter((request) => request.path === '/api/notes' && request.method === 'GET')).toHaveLength(1);
      // The countdown restarted from the new token's expiry, before the old one ran out.
      expect(Date.parse((await tokenCard.locator('time').getAttribute('datetime')) ?? '')).toBeGreaterThan(expiresBefore);
      expect(await tokenCard.getByText('valid', { exact: true }).isVisible()).toBe(true);
      expect(refreshResponses.map((response) => response.status())).toEqual([200]);
      const renewed: unknown = await refreshResponses[0]?.json();
      const renewedToken: unknown = typeof renewed === 'object' && renewed !== null ? Reflect.get(renewed, 'access_token') : undefined;
      if (typeof renewedToken !== 'string') throw new Error('the refresh response has no access_token');

      const notesRequest = page.waitForRequest((request) => request.url() === `${api.url}/api/notes` && request.method() === 'GET');
      await reloadNotes(page);
      expect((await notesRequest).headers()['authorization']).toBe(`Bearer ${renewedToken}`);
      expect(api.requests.at(-1)).toEqual({ method: 'GET', path: '/api/notes', status: 200 });
      expect(refreshCount(idp)).toBe(1);
    },
  );

  journey('6. the API rejects the revoked access token after sign-out', {}, async ({ page, api, idp }) => {
    const notesRequest = page.waitForRequest((request) => request.url() === `${api.url}/api/notes` && request.method() === 'GET');
    await signIn(page, 'alice', 'wonderland');
    const authorization = (await notesRequest).headers()['authorization'];
    if (authorization === undefined) throw new Error('the demo sent /api/notes without Authorization');
    expect(authorization).toMatch(/^Bearer \S+$/);
    await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();

    const before = await fetch(`${api.url}/api/notes`, { headers: { authorization } });
    expect(before.status).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInHeading(page).waitFor();
    await waitFor('the revocation requests', () => idp.requests.some((request) => request.path.endsWith('/revocation')));

    const after = await fetch(`${api.url}/api/notes`, { headers: { authorization } });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await page.getByTestId('notes').count()).toBe(0);
  });
});
