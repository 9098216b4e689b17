/**
 * The browser journeys claim to run what users deploy: the demo's production build. Checks the
 * build globalSetup made is one: the kit's developer texts left out through its `#dev` import
 * under the `production` condition, React's production build, no `process.env` left behind.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

async function builtJavaScript(): Promise<string> {
  const assets = join(inject('demoDist'), 'assets');
  const files = (await readdir(assets)).filter((file) => file.endsWith('.js'));
  expect(files.length).toBeGreaterThan(0);
  const texts = await Promise.all(files.map((file) => readFile(join(assets, file), 'utf8')));
  return texts.join('\n');
}

describe('the demo build the browser tests serve', () => {
  it('is a production build: no developer texts of the kit, no React development build, no process.env', async () => {
    const code = await builtJavaScript();
    // Booleans with a message: a failure must not print the whole minified bundle.
    const has = (text: string): boolean => code.includes(text);
    // The kit is in it (its short production texts)...
    expect(has('createAuthClient: '), 'the kit is in the build').toBe(true);
    // ...but none of its development explanations, from the core and from the React package.
    for (const developerText of [
      'pass the client id your provider registered for this app',
      'this client was destroyed; create a new one',
      'the other ropc-kit hooks must be used inside <AuthProvider>',
      'the provider does not support the password grant',
      'AuthProvider needs a `client` prop',
    ]) {
      expect(has(developerText), developerText).toBe(false);
    }
    expect(has('process.env'), 'process.env').toBe(false);
    expect(has('Download the React DevTools'), "React's development build").toBe(false);
  });
});
