// Part of `pnpm check:packages`, after `pnpm build`: what publint and attw do not read. Every
// target of each published package's `exports` and `imports` (but the workspace-only
// `ropc-kit-source`) exists, and the built `#dev` resolves as documented: Node gets the
// development texts by default and the short ones under the `production` condition.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE_ONLY = 'ropc-kit-source';
const packages = ['packages/core', 'packages/react'];
const problems = [];

/** Every file path in an exports/imports value, with the conditions that lead to it. */
function* targets(value, path) {
  if (typeof value === 'string') yield { file: value, path };
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) if (key !== WORKSPACE_ONLY) yield* targets(inner, [...path, key]);
  }
}

/** Runs `code` as an ES module inside `dir` (so `#dev` resolves from its package.json); stdout, or the error line. */
function runIn(dir, conditions, code) {
  const args = [...conditions.map((c) => `--conditions=${c}`), '--input-type=module', '-e', code];
  try {
    return execFileSync(process.execPath, args, { cwd: dir, env: { ...process.env, NODE_ENV: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const line = String(error.stderr).split('\n').find((text) => /^\w*Error\b/.test(text));
    return `a failure to load: ${line ?? error.message}`;
  }
}

for (const dir of packages) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const field of ['exports', 'imports']) {
    for (const { file, path } of targets(manifest[field] ?? {}, [field])) {
      if (!existsSync(join(dir, file))) problems.push(`${dir}: ${path.join(' > ')} points at ${file}, which the build did not produce`);
    }
  }
  for (const [conditions, want] of [
    [[], 'true'],
    [['production'], 'false'],
    [['browser'], 'true'],
    [['browser', 'development'], 'true'],
    [['browser', 'production'], 'false'],
  ]) {
    const got = runIn(dir, conditions, "import { DEV } from '#dev'; process.stdout.write(String(DEV));");
    if (got !== want) problems.push(`${dir}: #dev under [${conditions.join(', ')}] gives ${got}, expected ${want}`);
  }

  // The package as an app imports it (a self-reference goes through `exports`) is the built entry,
  // whole: the same export names as dist/index.js, which api-extractor reports on.
  const names = "process.stdout.write(Object.keys(m).sort().join(' '))";
  const entry = runIn(dir, [], `const m = await import('./dist/index.js'); ${names}`);
  if (entry === '' || entry.startsWith('a failure to load')) problems.push(`${dir}: dist/index.js: ${entry || 'no exports'}`);
  for (const conditions of [[], ['production'], ['browser', 'production']]) {
    const got = runIn(dir, conditions, `const m = await import('${manifest.name}'); ${names}`);
    if (got !== entry || got === '') problems.push(`${dir}: import('${manifest.name}') under [${conditions.join(', ')}] exports "${got}", dist/index.js "${entry}"`);
  }
  const types = manifest.exports?.['.']?.types;
  const reported = JSON.parse(readFileSync(join(dir, 'api-extractor.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')).mainEntryPointFilePath;
  if (types !== './dist/index.d.ts' || reported !== '<projectFolder>/dist/index.d.ts') {
    problems.push(`${dir}: exports types is ${String(types)} and api-extractor reads ${String(reported)}; both must be dist/index.d.ts`);
  }
}

const tryMissingClientId = "const m = await import('./dist/index.js'); try { m.createAuthClient({}); } catch (e) { process.stdout.write(e.message); }";
for (const [conditions, want] of [
  [[], 'createAuthClient: client_id is required: pass the client id your provider registered for this app'],
  [['production'], 'createAuthClient: missing client_id'],
]) {
  const got = runIn('packages/core', conditions, tryMissingClientId);
  if (got !== want) problems.push(`packages/core: the built message for a missing client_id under [${conditions.join(', ')}] is "${got}", expected "${want}"`);
}

if (problems.length > 0) {
  console.error(`check-dist:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`check-dist: the exports and imports of ${packages.join(' and ')} resolve to built files, and #dev resolves as documented.`);
