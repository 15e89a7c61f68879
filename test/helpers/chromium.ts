import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's packages; browser downloads do not work on these machines, and .ci/run installs the first. */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

export function chromiumPath(): string {
  const found = [process.env['GATEKEEPER_TEST_CHROMIUM'], ...CANDIDATES].find((p): p is string => p !== undefined && p !== '' && existsSync(p));
  if (!found) throw new Error(`No Chromium found at ${CANDIDATES.join(' or ')}. Install it: apt-get install -y chromium-headless-shell (.ci/run does this when it is missing).`);
  return found;
}

/** Headless, and quiet: nothing in the browser itself may reach the network during a test. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
