import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { journey, profileHeading, readStorages, signIn, signInHeading } from './harness.ts';

const require = createRequire(import.meta.url);

/** After a refused sign-in with local storage chosen: only the demo's own preference is stored; no token, no password. */
async function expectNothingStored(page: Page, context: BrowserContext, password: string): Promise<void> {
  const { local, session } = await readStorages(page);
  expect(local).toEqual({ 'ropc-kit-demo:storage': 'local' });
  expect(session).toEqual({});
  const everything = JSON.stringify({ local, session, cookies: await context.cookies() });
  for (const secret of ['access_token', 'refresh_token', password]) expect(everything).not.toContain(secret);
}

describe('sign-in page', () => {
  journey('1. a wrong password shows the message, stores no token and empties the password field', {}, async ({ page, idp, context }) => {
    // Local storage: the one choice where a leaked token would outlive the tab.
    await page.getByLabel('Local storage').check();
    // The header badge names the choice as the radios do.
    expect(await page.getByTestId('storage-chip').textContent()).toBe('Local storage');
    await signIn(page, 'alice', 'not-the-password');

    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('The username or password is incorrect.');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await signInHeading(page).isVisible()).toBe(true);
    expect(idp.requests.filter((request) => request.grantType === 'password')).toHaveLength(1);

    await expectNothingStored(page, context, 'not-the-password');
  });

  journey('2. the right password shows the profile and loads the protected data', {}, async ({ page, api }) => {
    await signIn(page, 'alice', 'wonderland');

    await profileHeading(page, 'Alice Liddell').waitFor();
    // exp/iat in the claims are the id_token's, not the short-lived access token's.
    expect(await page.getByRole('region', { name: 'Profile claims' }).getByText('id_token claims', { exact: false }).isVisible()).toBe(true);
    const claims = page.getByTestId('claims');
    expect(await claims.getByText('alice@example.com').isVisible()).toBe(true);
    expect(await claims.getByText('user-alice').isVisible()).toBe(true);
    await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();
    expect(await page.getByTestId('notes').getByRole('listitem').count()).toBe(3);
    expect(api.requests.filter((request) => request.method === 'GET' && request.path === '/api/notes').map((r) => r.status)).toEqual([200]);
  });

  journey('7. keyboard-only sign-in works and the sign-in page has no serious accessibility violations', {}, async ({ page }) => {
    await page.addScriptTag({ path: require.resolve('axe-core') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        targets: violation.nodes.map((node) => JSON.stringify(node.target)),
      }));
    });
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);

    // Only the keyboard from here on: Tab to the username field, type, Tab, type, Enter.
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName ?? '');
    for (let presses = 0; (await focusedName()) !== 'username'; presses++) {
      if (presses > 15) throw new Error('the username field cannot be reached with Tab');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('password');
    // The focused field shows a visible focus indicator.
    const outline = await page.evaluate(() => {
      const element = document.activeElement;
      return element === null ? 'none' : getComputedStyle(element).outlineStyle;
    });
    expect(outline).not.toBe('none');
    await page.keyboard.type('wonderland');
    await page.keyboard.press('Enter');

    await profileHeading(page, 'Alice Liddell').waitFor();
    // Focus lands on the signed-in page's heading, not on <body> where the form was.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Hello, Alice Liddell');
    await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();
  });

  journey(
    "12. an account whose password has expired shows the provider's description, focuses the password field and stores no token",
    {},
    async ({ page, idp, context }) => {
      await page.getByLabel('Local storage').check();
      await signIn(page, 'carol', 'expired-password');

      // The IdP's own invalid_grant description ("password has expired"), as LoginForm shows an account problem.
      const alert = page.getByRole('alert').first();
      await expect.poll(() => alert.textContent()).toBe('Password has expired.');
      // Focus goes back to the emptied password field, which the message describes. The password
      // was right, so the field is not marked invalid.
      const password = page.getByLabel('Password', { exact: true });
      await expect.poll(() => password.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await password.inputValue()).toBe('');
      const alertId = await alert.getAttribute('id');
      expect(alertId).not.toBeNull();
      expect((await password.getAttribute('aria-describedby'))?.split(' ')).toContain(alertId);
      expect(await password.getAttribute('aria-invalid')).toBeNull();
      expect(await signInHeading(page).isVisible()).toBe(true);
      expect(idp.requests.filter((request) => request.grantType === 'password')).toHaveLength(1);

      await expectNothingStored(page, context, 'expired-password');
    },
  );
});
