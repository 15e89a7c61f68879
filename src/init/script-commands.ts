/** One simple command inside a package.json script, with the script it was found in. */
export interface ScriptCommand {
  /** The script whose text holds it (after following `npm run x` into x). */
  script: string;
  /** Words, quotes removed; environment assignments and runners (`npx`, `pnpm exec`, `cross-env`) dropped. */
  words: string[];
  /** The command as written. */
  text: string;
}

/** Split a script on `&&`, `||`, `;`, `|` and `&` outside quotes. Not a shell: enough for what scripts hold. */
function splitCommands(script: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] ?? '';
    if (quote) {
      current += ch;
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '&' || ch === '|' || ch === ';') {
      parts.push(current);
      current = '';
      if (script[i + 1] === ch) i++;
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function splitWords(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const RUNNERS = new Set(['cross-env', 'npx', 'bunx', 'env']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const EXEC_VERBS = new Set(['exec', 'x', 'dlx']);

/** The words after the one launcher in front (`FOO=1`, `npx --yes`, `pnpm exec` …); undefined when the first word is the tool. */
function afterLauncher(words: string[]): string[] | undefined {
  const [first, second] = words;
  if (first === undefined) return undefined;
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) return words.slice(1);
  if (RUNNERS.has(first)) return words.slice(1).filter((w, i) => i > 0 || !w.startsWith('--'));
  if (PACKAGE_MANAGERS.has(first) && second !== undefined && EXEC_VERBS.has(second)) return words.slice(2);
  return undefined;
}

/** Drop what only starts the tool: `FOO=1`, `cross-env FOO=1`, `npx`, `pnpm exec`, `yarn`, `bunx`, `dotenv --`. */
function toolWords(words: string[]): string[] {
  let rest = words;
  for (let next = afterLauncher(rest); next !== undefined; next = afterLauncher(rest)) rest = next;
  return rest;
}

/** The script a package manager's words name: `run x`, `test`, or (any but npm) a bare `x`. */
function requestedScript(pm: string, verb: string | undefined, name: string | undefined): string | undefined {
  if ((verb === 'run' || verb === 'run-script') && name !== undefined) return name;
  if (verb === 'test' || verb === 't') return 'test';
  return pm !== 'npm' ? verb : undefined;
}

/** The script a command runs, if it runs one of the project's scripts (`npm run x`, `pnpm x`, `yarn x`, `bun run x`). */
function scriptRun(words: string[], scripts: Record<string, string>): string | undefined {
  const [pm, verb, name] = words;
  if (pm === undefined || !PACKAGE_MANAGERS.has(pm)) return undefined;
  const script = requestedScript(pm, verb, name);
  return script !== undefined && script in scripts ? script : undefined;
}

/** `run-s a b`, `npm-run-all a b`, `run-p a b`: the scripts they run (globs like `lint:*` too). */
function runAllScripts(words: string[], scripts: Record<string, string>): string[] | undefined {
  const [tool, ...args] = words;
  if (tool !== 'run-s' && tool !== 'run-p' && tool !== 'npm-run-all') return undefined;
  return args
    .filter((a) => !a.startsWith('-'))
    .flatMap((pattern) => {
      const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*?/g, '.*')}$`);
      return Object.keys(scripts).filter((s) => re.test(s));
    });
}

/**
 * Every simple command a script runs, following the project's own scripts it calls (and their
 * `pre`/`post` scripts when the package manager runs those), at most 8 deep and each script once.
 */
export function scriptCommands(scripts: Record<string, string>, start: string, seen = new Set<string>(), depth = 0): ScriptCommand[] {
  const body = scripts[start];
  if (body === undefined || seen.has(start) || depth > 8) return [];
  seen.add(start);
  return splitCommands(body).flatMap((text): ScriptCommand[] => {
    const words = toolWords(splitWords(text));
    const called = scriptRun(words, scripts);
    if (called !== undefined) return scriptCommands(scripts, called, seen, depth + 1);
    const all = runAllScripts(words, scripts);
    if (all !== undefined) return all.flatMap((s) => scriptCommands(scripts, s, seen, depth + 1));
    return [{ script: start, words, text }];
  });
}
