// Lets Node 20 (no --experimental-strip-types) run the bench's TypeScript and the
// workspace packages' `source` entry points: `node --conditions=source --import ./loader/register.mjs run.ts`.
import { register } from 'node:module';

register('./tsHooks.mjs', import.meta.url);
