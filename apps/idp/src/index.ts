export { startIdp } from './idp.ts';
export type { IdpOptions, RecordedRequest, RunningIdp } from './idp.ts';
export { TEST_CLIENTS, TEST_USERS } from './accounts.ts';
export type { TestUser } from './accounts.ts';
