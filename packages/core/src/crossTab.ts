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

/**
 * Runs `task` holding the exclusive Web Lock `name` (so one tab at a time), or directly when
 * there is no lock manager. The lock is held until the task settles.
 * @see Web Locks API §4 (LockManager.request)
 */
export function runExclusive<T>(locks: LockManager | null, name: string, task: () => Promise<T>): Promise<T> {
  if (locks === null) return task();
  return new Promise<T>((resolve, reject) => {
    locks.request(name, () => task().then(resolve, reject)).catch(reject);
  });
}
