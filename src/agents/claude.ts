import { HOOK_TIMEOUTS, type AgentHost } from './host.js';
import { answerClaudeShape, claudeShapeEntry, parseClaudeShape } from './claude-shape.js';
import { filesOf } from './input.js';

/**
 * Claude Code (code.claude.com/docs/en/hooks): project hooks in `.claude/settings.json`, `timeout`
 * in seconds. Stop and SubagentStop get `stop_hook_active`; Claude ends a turn by itself after 8
 * consecutive Stop blocks, so Gatekeeper decides at the 8th stop at the latest.
 */
export const claude: AgentHost = {
  name: 'claude',
  configFile: '.claude/settings.json',
  newFile: {},
  maxStops: 8,
  timeouts: HOOK_TIMEOUTS,
  parse: (kind, input) => parseClaudeShape(kind, input, 'claude', /^(Edit|Write|MultiEdit)$/, filesOf),
  answer: (kind, decision) => ({ stdout: answerClaudeShape(kind, decision, 'PostToolUse') }),
  entries(command) {
    const t = claude.timeouts;
    return [
      claudeShapeEntry('UserPromptSubmit', command('prompt'), t.prompt),
      claudeShapeEntry('PostToolUse', command('edit'), t.edit, 'Edit|Write|MultiEdit'),
      claudeShapeEntry('Stop', command('stop'), t.stop),
      claudeShapeEntry('SubagentStop', command('stop'), t.stop),
    ];
  },
};
