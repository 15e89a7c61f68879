import { insideString, stringSpans } from './string-spans.js';

/**
 * The lines that switch a check off. The guard reads lines, not syntax: a match inside a string
 * literal closed on the same line is left alone, anything else counts.
 */

export interface LinePattern {
  code: 'ts-suppression' | 'eslint-disable' | 'focused-or-skipped-test';
  /** Test-only patterns apply to test files alone: `.only` in a source file is someone's API. */
  testFilesOnly: boolean;
  regex: RegExp;
  describe(match: RegExpExecArray): string;
}

const SWITCH_OFF = String.raw`(?:0|1|"off"|'off'|off|"warn"|'warn'|warn|\[\s*(?:0|1|"off"|'off'|"warn"|'warn'))`;

export const LINE_PATTERNS: readonly LinePattern[] = [
  {
    code: 'ts-suppression',
    testFilesOnly: false,
    regex: /(?:\/\/|\/\*)[/*\s]*@ts-(ignore|expect-error|nocheck)\b/,
    describe: (m) => `new @ts-${m[1] ?? ''} comment: it hides a type error instead of fixing it`,
  },
  {
    code: 'eslint-disable',
    testFilesOnly: false,
    // oxlint reads ESLint's comments and its own; Biome has its own ignore comments.
    regex: /(?:\/\/|\/\*)\s*((?:eslint|oxlint)-disable(?:-next-line|-line)?|biome-ignore(?:-all|-start)?)\b/,
    describe: (m) => `new ${m[1] ?? 'eslint-disable'} comment: it hides a lint error instead of fixing it`,
  },
  {
    // An inline config comment that sets a rule to "off" (or "warn") silences it as surely as eslint-disable.
    code: 'eslint-disable',
    testFilesOnly: false,
    regex: new RegExp(String.raw`\/\*\s*eslint\s+([\w@/-]+)\s*:\s*${SWITCH_OFF}`),
    describe: (m) => `new inline ESLint config turning ${m[1] ?? 'a rule'} down: it hides a lint error instead of fixing it`,
  },
  {
    code: 'focused-or-skipped-test',
    testFilesOnly: true,
    regex: /(?<![\w.$])(?:describe|it|test|suite|context|bench)(?:\.\w+)*?\.(skip|only|todo|fails|skipIf|runIf)\b/,
    describe: (m) => `new .${m[1] ?? 'skip'} on a test: ${m[1] === 'only' ? 'every other test stops running' : 'the test no longer counts'}`,
  },
  {
    code: 'focused-or-skipped-test',
    testFilesOnly: true,
    regex: /(?<![\w.$])(x|f)(it|describe|test)\s*\(/,
    describe: (m) => `new ${m[1] ?? ''}${m[2] ?? ''}(): ${m[1] === 'f' ? 'every other test stops running' : 'the test no longer counts'}`,
  },
  {
    // vitest's ctx.skip() and mocha's this.skip() skip from inside the test body.
    code: 'focused-or-skipped-test',
    testFilesOnly: true,
    regex: /\b(?:ctx|context|this|t)\.skip\s*\(/,
    describe: () => 'new skip() inside a test: the test no longer counts',
  },
];

export interface LineMatch {
  code: LinePattern['code'];
  message: string;
  /** 1-based, where the pattern starts on the line. */
  column: number;
}

export function matchLine(text: string, isTestFile: boolean): LineMatch[] {
  const found: LineMatch[] = [];
  let spans: [number, number][] | undefined;
  for (const pattern of LINE_PATTERNS) {
    if (pattern.testFilesOnly && !isTestFile) continue;
    for (const match of text.matchAll(new RegExp(pattern.regex, 'g'))) {
      spans ??= stringSpans(text);
      if (insideString(spans, match.index)) continue;
      found.push({ code: pattern.code, message: pattern.describe(match), column: match.index + 1 });
      break;
    }
  }
  return found;
}

/** Source files where a comment can switch a check off; prose (README, docs) may name them freely. */
export const CODE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
