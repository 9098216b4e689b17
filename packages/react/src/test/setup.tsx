import { StrictMode, type ReactElement, type ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { createAuthClient, type AuthClient, type AuthClientSettings, type StorageLike } from '@ropc-kit/core';
import { API, CLIENT_ID, ISSUER, type FakeIdp } from './fakeIdp.ts';

/** A client of the fake provider, with the real core and the fake's `fetch`; `client.fetch` may call the fake API. */
export function makeClient(idp: FakeIdp, settings: Partial<AuthClientSettings> = {}): AuthClient {
  return createAuthClient({ authority: ISSUER, client_id: CLIENT_ID, fetch: idp.fetch, locks: null, apiOrigins: [API], ...settings });
}

/** A storage two clients can share, standing in for sessionStorage across a page reload. */
export function mapStorage(): StorageLike & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function Strict({ children }: { children?: ReactNode }): ReactElement {
  return <StrictMode>{children}</StrictMode>;
}

/** Every React test renders under StrictMode. */
export function renderStrict(ui: ReactElement): RenderResult {
  return render(ui, { wrapper: Strict });
}

/** Deep search for `needle` in any string reachable from `root` (cycles and DOM nodes skipped). */
export function containsString(root: unknown, needle: string, seen = new Set<unknown>()): boolean {
  if (typeof root === 'string') return root.includes(needle);
  if (root === null || typeof root !== 'object' || seen.has(root)) return false;
  seen.add(root);
  if (typeof Node !== 'undefined' && root instanceof Node) return false;
  if (root instanceof Error && (containsString(root.message, needle, seen) || containsString(root.stack, needle, seen))) return true;
  if (root instanceof Map) return [...root.entries()].some((entry) => containsString(entry, needle, seen));
  if (root instanceof Set) return [...root].some((value) => containsString(value, needle, seen));
  for (const key of Reflect.ownKeys(root)) {
    const descriptor = Object.getOwnPropertyDescriptor(root, key);
    if (descriptor !== undefined && 'value' in descriptor && containsString(descriptor.value, needle, seen)) return true;
  }
  return false;
}

/**
 * Every hook state and prop of the rendered React tree, found through the container's fiber
 * root: React stores hook states in `memoizedState` and props in `memoizedProps`.
 */
export function reactTreeValues(container: HTMLElement): unknown[] {
  const rootKey = Object.keys(container).find((key) => key.startsWith('__reactContainer$'));
  if (rootKey === undefined) throw new Error('no React root on this container');
  const values: unknown[] = [];
  const visit = (fiber: FiberLike | null): void => {
    for (let node = fiber; node !== null; node = node.sibling) {
      values.push(node.memoizedState, node.memoizedProps);
      visit(node.child);
    }
  };
  visit((container as unknown as Record<string, FiberLike>)[rootKey] ?? null);
  return values;
}

interface FiberLike {
  readonly child: FiberLike | null;
  readonly sibling: FiberLike | null;
  readonly memoizedState: unknown;
  readonly memoizedProps: unknown;
}
