// Makes sure a Chromium for the browser tests is present. On Debian/Ubuntu as
// root it installs the distribution package; elsewhere it explains what to do.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const wanted = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log(`[ropc-kit] Chromium not found at ${wanted}: installing Debian package "chromium"...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (existsSync(wanted)) process.exit(0);
  console.error(`[ropc-kit] Installed Debian's chromium, but ${wanted} still does not exist: unset CHROMIUM_PATH or point it at the binary.`);
  process.exit(1);
}
console.error(
  `[ropc-kit] The browser tests need Chromium at ${wanted}.\n` +
    'Install it (Debian/Ubuntu: "sudo apt-get install chromium") or set CHROMIUM_PATH to a Chromium/Chrome binary.',
);
process.exit(1);
