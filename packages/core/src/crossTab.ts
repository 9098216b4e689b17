/**
 * Calls `onChange` when another tab of the same origin writes or removes `key` in
 * localStorage (the `storage` event fires only in the other tabs). Returns a function that
 * stops listening. Outside a browser it does nothing.
 * @see HTML Living Standard §12.2.1 (the storage event)
 */
export function listenToStorageEvents(key: string, onChange: () => void): () => void {
  const target: Pick<Window, 'addEventListener' | 'removeEventListener'> | undefined = globalThis.window;
  if (target === undefined || typeof target.addEventListener !== 'function') return () => {};
  const handler = (event: StorageEvent): void => {
    // `key` is null when another tab called localStorage.clear().
    if (event.key === key || event.key === null) onChange();
  };
  target.addEventListener('storage', handler);
  return () => target.removeEventListener('storage', handler);
}
