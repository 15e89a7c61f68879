/**
 * The name Gatekeeper is published under. The bare `gatekeeper` on the npm registry is an unrelated
 * package, so the package is `gatekeeper-cli` while the command stays `gatekeeper`.
 */
export const PACKAGE_NAME = 'gatekeeper-cli';

/** How a user runs Gatekeeper through npx: the package name, which npx resolves locally first. */
export const NPX = `npx ${PACKAGE_NAME}`;
