import { HOOK_TIMEOUTS, type AgentHost } from './host.js';
import { answerClaudeShape, claudeShapeEntry, parseClaudeShape } from './claude-shape.js';
import type { Json } from './input.js';

const PATCH_FILE = /^\*\*\* (?:Add File|Update File|Move to): (.+)$/gm;

/** The files an `apply_patch` call writes, read from the patch text wherever Codex put it in `tool_input`. */
export function patchFiles(toolInput: Json | undefined): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(toolInput);
  return [...new Set(texts.flatMap((t) => [...t.matchAll(PATCH_FILE)].map((m) => (m[1] ?? '').trim())))].filter((f) => f !== '');
}

/**
 * Codex CLI (developers.openai.com/codex/hooks): `.codex/hooks.json` in Claude Code's shape, the
 * same stdin fields plus `turn_id`. Its Stop output is checked against a strict schema (continue,
 * decision, reason, stopReason, suppressOutput, systemMessage): one extra key and the whole answer
 * is dropped and the stop goes through, so the Claude-shaped answer carries nothing else. Edits
 * arrive as `apply_patch` calls, whose patch names the files. Project hooks run only once trusted.
 */
export const codex: AgentHost = {
  name: 'codex',
  configFile: '.codex/hooks.json',
  newFile: {},
  timeouts: HOOK_TIMEOUTS,
  parse: (kind, input) => parseClaudeShape(kind, input, 'codex', /^apply_patch$/, patchFiles),
  answer: (kind, decision) => ({ stdout: answerClaudeShape(kind, decision, 'PostToolUse') }),
  entries(command) {
    const t = codex.timeouts;
    return [claudeShapeEntry('UserPromptSubmit', command('prompt'), t.prompt), claudeShapeEntry('PostToolUse', command('edit'), t.edit, '^apply_patch$'), claudeShapeEntry('Stop', command('stop'), t.stop)];
  },
};
