import type { StorageKind } from './clientStore.ts';

/** What each storage choice is called and what it means for a reload and for other tabs. */
export const storageLabels: Readonly<Record<StorageKind, { label: string; short: string; detail: string }>> = {
  memory: {
    label: 'Memory',
    short: 'In memory',
    detail: 'Gone on reload. Nothing is written to the browser.',
  },
  session: {
    label: 'Session storage',
    short: 'sessionStorage',
    detail: 'Survives a reload of this tab. Other tabs sign in on their own.',
  },
  local: {
    label: 'Local storage',
    short: 'localStorage',
    detail: 'Survives reloads and is shared by all tabs: sign out in one, all sign out.',
  },
};
