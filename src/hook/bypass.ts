/** How the environment asks the hook to stand aside: all of it, or some gates. */
export interface Bypass {
  /** `GATEKEEPER=0` or `HUSKY=0`: the hook is skipped. */
  off?: string;
  /** `GATEKEEPER_SKIP=lint,test`: these gate ids are left out. */
  skip: string[];
}

export function bypassFromEnv(env: NodeJS.ProcessEnv): Bypass {
  const off = env['GATEKEEPER'] === '0' ? 'GATEKEEPER=0' : env['HUSKY'] === '0' ? 'HUSKY=0' : undefined;
  const skip = (env['GATEKEEPER_SKIP'] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return { ...(off ? { off } : {}), skip: [...new Set(skip)] };
}

export function bypassNotes(bypass: Bypass): string[] {
  return [...(bypass.off ? [bypass.off] : []), ...(bypass.skip.length > 0 ? [`GATEKEEPER_SKIP=${bypass.skip.join(',')}`] : [])];
}
