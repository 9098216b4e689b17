import type { StorageKind } from './clientStore.ts';

/**
 * What each storage choice is called (on the radios and the header badge alike) and what it
 * means for a reload and for other tabs.
 */
export const storageLabels: Readonly<Record<StorageKind, { label: string; detail: string }>> = {
  memory: {
    label: 'Memory',
    detail: 'Gone on reload. Nothing is written to the browser.',
  },
  session: {
    label: 'Session storage',
    detail: 'Survives a reload of this tab. Other tabs sign in on their own.',
  },
  local: {
    label: 'Local storage',
    detail: 'Survives reloads and is shared by all tabs: sign out in one, all sign out.',
  },
};
