import type { Route } from 'playwright-core';
import { describe, expect } from 'vitest';
import { journey, profileHeading, refreshCount, signIn, signInHeading, waitFor } from './harness.ts';

// The demo is the production build, whose kit errors carry short messages ("token response",
// "sign-out: revocation"): what the user reads must come from the code and HTTP status. The
// failures are made in the browser (Playwright routes), so the IdP and the API stay untouched.
describe('failures, as the production build shows them', () => {
  journey(
    '10. a failed renewal and a refused notes request read as sentences with their code and HTTP status',
    { demo: { automaticRefresh: false } },
    async ({ page, idp, api, tokenPath }) => {
      await signIn(page, 'alice', 'wonderland');
      await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();

      // The refresh request does not reach the IdP: the kit's network_error, the user kept.
      const offline = (route: Route) => route.abort('internetdisconnected');
      await page.route(new URL(tokenPath, idp.issuer).href, offline);
      await page.getByRole('button', { name: 'Renew now' }).click();
      await expect
        .poll(() => page.getByTestId('renewal-error').textContent(), { timeout: 15_000 })
        .toBe('Last renewal failed: the server could not be reached (network_error).');
      expect(refreshCount(idp)).toBe(0);
      await profileHeading(page, 'Alice Liddell').waitFor();

      // The API refuses the notes with 403 (not retried, no refresh): the HttpError's status.
      await page.route(`${api.url}/api/notes`, async (route) => {
        if (route.request().method() !== 'GET') return route.fallback();
        return route.fulfill({ response: await route.fetch(), status: 403 });
      });
      await page.getByRole('button', { name: 'Reload notes' }).click();
      await expect
        .poll(() => page.getByRole('region', { name: 'Protected notes' }).getByRole('alert').textContent(), { timeout: 15_000 })
        .toBe('Could not load the notes: the API does not allow this account to see them (HTTP 403).');
    },
  );

  journey('11. a failed revocation after sign-out shows a banner naming the failure, until dismissed', {}, async ({ page, url, api }) => {
    const notesRequest = page.waitForRequest((request) => request.url() === `${api.url}/api/notes` && request.method() === 'GET');
    await signIn(page, 'alice', 'wonderland');
    const authorization = (await notesRequest).headers()['authorization'];
    if (authorization === undefined) throw new Error('the demo sent /api/notes without Authorization');
    await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();

    // The revocation endpoint is down: a simple CORS POST, answered 503 for the demo's origin.
    const revocations: string[] = [];
    await page.route('**/token/revocation', (route) => {
      revocations.push(new URLSearchParams(route.request().postData() ?? '').get('token_type_hint') ?? '');
      return route.fulfill({
        status: 503,
        headers: { 'access-control-allow-origin': new URL(url).origin, 'content-type': 'text/plain', 'retry-after': '30' },
        body: 'down for maintenance',
      });
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInHeading(page).waitFor();
    const banner = page.getByRole('alert').filter({ hasText: 'Signed out in this browser' });
    await expect
      .poll(() => banner.locator('p').textContent(), { timeout: 15_000 })
      .toBe('Signed out in this browser, but the server could not revoke the tokens (temporarily_unavailable, HTTP 503). They stay valid until they expire.');
    expect(revocations).toEqual(['refresh_token', 'access_token']);
    // What the banner says is true: the access token still works at the API.
    await waitFor('the API to accept the unrevoked token', async () => (await fetch(`${api.url}/api/notes`, { headers: { authorization } })).status === 200);

    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
    await signInHeading(page).waitFor();
  });
});
