import { describe, expect } from 'vitest';
import { journey, profileHeading, refreshCount, reloadNotes, signIn, signInHeading, waitUntilExpired } from './harness.ts';

describe('two tabs with local storage', () => {
  // Automatic refresh is off so the shared token really expires before both tabs ask for data.
  journey(
    '5. sign-out in one tab signs out the other within a second; an expired token is refreshed once for both',
    { accessTokenTtl: 3, demo: { automaticRefresh: false, refreshMargin: 1 } },
    async ({ page: first, context, url, idp }) => {
      await first.getByLabel('Local storage').check();
      await signIn(first, 'alice', 'wonderland');
      await profileHeading(first, 'Alice Liddell').waitFor();

      const second = await context.newPage();
      await second.goto(url);
      await profileHeading(second, 'Alice Liddell').waitFor();

      await first.getByRole('button', { name: 'Sign out' }).click();
      await signInHeading(first).waitFor();
      await signInHeading(second).waitFor({ timeout: 1000 });

      // Signing in again in the first tab reaches the second one too.
      await signIn(first, 'alice', 'wonderland');
      await profileHeading(second, 'Alice Liddell').waitFor({ timeout: 1000 });
      await first.getByTestId('notes').getByRole('listitem').first().waitFor();
      await second.getByTestId('notes').getByRole('listitem').first().waitFor();

      await waitUntilExpired(first);
      await waitUntilExpired(second);
      idp.clearRequests();
      await Promise.all([reloadNotes(first), reloadNotes(second)]);

      expect(refreshCount(idp)).toBe(1);
    },
  );
});
