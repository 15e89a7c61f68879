import type { Diagnostic } from '../../src/core/result.js';
import { parseEslintJson } from '../../src/parsers/eslint-json.js';
import { parseGnu } from '../../src/parsers/gnu.js';
import { parseJunit } from '../../src/parsers/junit.js';
import { parseSarif } from '../../src/parsers/sarif.js';
import { parseTscOutput } from '../parse/tsc-output.js';

export const REPORT_FORMATS = ['sarif', 'junit', 'tsc', 'eslint-json', 'gnu'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReadReport {
  diagnostics: Diagnostic[];
  /** For test reports: what ran. */
  tests?: { passed: number; failed: number; skipped: number };
}

/** What a command's report says, in its format; throws a ReportFormatError when it is not that format. */
export function readReport(format: ReportFormat, text: string): ReadReport {
  switch (format) {
    case 'sarif':
      return { diagnostics: parseSarif(text).diagnostics };
    case 'junit': {
      const { diagnostics, ...tests } = parseJunit(text);
      return { diagnostics, tests };
    }
    case 'tsc':
      return { diagnostics: parseTscOutput(text).diagnostics };
    case 'eslint-json':
      return { diagnostics: parseEslintJson(text) };
    case 'gnu':
      return { diagnostics: parseGnu(text) };
  }
}
