import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { journey, profileHeading, signInHeading, tabTo } from './harness.ts';

const width = 360;

/** Fails when the page's layout is wider than the viewport (the page scrolls sideways). */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth).toBe(width);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The element's left and right edges, in CSS pixels from the viewport's left edge. */
async function horizontalEdges(locator: Locator): Promise<{ left: number; right: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator.toString()} is not rendered`);
  return { left: box.x, right: box.x + box.width };
}

describe('narrow screen', () => {
  journey(
    `at ${String(width)} px the sign-in and signed-in pages do not scroll sideways and work with the keyboard alone`,
    { viewport: { width, height: 740 } },
    async ({ page }) => {
      await signInHeading(page).waitFor();
      await expectNoHorizontalOverflow(page);
      const signInButton = page.getByRole('button', { name: 'Sign in' });
      expect(await signInButton.isVisible()).toBe(true);
      const signInEdges = await horizontalEdges(signInButton);
      expect(signInEdges.left).toBeGreaterThanOrEqual(0);
      expect(signInEdges.right).toBeLessThanOrEqual(width);

      // Only the keyboard from here on.
      await tabTo(page, page.getByLabel('Username'));
      await page.keyboard.type('alice');
      await tabTo(page, page.getByLabel('Password', { exact: true }));
      await page.keyboard.type('wonderland');
      await tabTo(page, signInButton);
      await page.keyboard.press('Enter');

      await profileHeading(page, 'Alice Liddell').waitFor();
      // Measured once everything the page loads is in: the claims, the token card and the notes.
      await page.getByTestId('notes').getByText('Follow the white rabbit').waitFor();
      await expectNoHorizontalOverflow(page);
      const signOutButton = page.getByRole('button', { name: 'Sign out' });
      expect(await signOutButton.isVisible()).toBe(true);
      const signOutEdges = await horizontalEdges(signOutButton);
      expect(signOutEdges.left).toBeGreaterThanOrEqual(0);
      expect(signOutEdges.right).toBeLessThanOrEqual(width);

      await tabTo(page, signOutButton);
      await page.keyboard.press('Enter');
      await signInHeading(page).waitFor();
    },
  );
});
