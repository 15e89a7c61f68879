/** Marks Gatekeeper's line in `.husky/pre-push`, so that install adds it once and uninstall finds it. */
export const HOOK_LINE_MARK = '# gatekeeper';

export function hookLine(scriptPath: string): string {
  const quoted = /^[\w./-]+$/.test(scriptPath) ? scriptPath : `'${scriptPath.replace(/'/g, `'\\''`)}'`;
  return `sh ${quoted} "$@" ${HOOK_LINE_MARK}`;
}

function isGatekeeperLine(line: string): boolean {
  return line.trimEnd().endsWith(HOOK_LINE_MARK);
}

export function hasHookLine(text: string): boolean {
  return text.split(/\r?\n/).some(isGatekeeperLine);
}

/** The hook file with Gatekeeper's line appended after whatever is there (once). */
export function withHookLine(text: string, line: string): string {
  if (hasHookLine(text)) return text;
  if (text === '') return `${line}\n`;
  return `${text}${text.endsWith('\n') ? '' : '\n'}${line}\n`;
}

export function withoutHookLine(text: string): string {
  return text
    .split('\n')
    .filter((l) => !isGatekeeperLine(l))
    .join('\n');
}
