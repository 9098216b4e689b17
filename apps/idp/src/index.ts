export { startIdp } from './idp.ts';
export type { IdpOptions, RecordedRequest, RunningIdp } from './idp.ts';
export { accountNote, TEST_CLIENTS, TEST_USERS } from './accounts.ts';
export type { TestUser } from './accounts.ts';
export { startApi } from './api.ts';
export type { ApiOptions, ApiRequestRecord, RunningApi } from './api.ts';
export { DEFAULT_DEMO_ORIGINS, startLocalStack } from './stack.ts';
export type { LocalStack, LocalStackOptions } from './stack.ts';
