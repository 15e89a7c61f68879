import type { GateConfig } from '../config/schema.js';
import type { ProjectFacts } from './detect.js';
import { runScript } from '../install/package-manager.js';
import { COMPLEXITY_EXCLUDE } from './complexity-start.js';

export { COMPLEXITY_EXCLUDE };

export interface InitPlan {
  gates: GateConfig[];
  /** One line per gate: why it is there. */
  reasons: string[];
  /** What was found but not turned into a gate, and what to do about it. */
  notes: string[];
}


const LINTER_NAMES = { eslint: 'ESLint', biome: 'Biome', oxlint: 'oxlint' } as const;

/** The plan being built: `add` names each gate uniquely, `followed` turns the check scripts' gates of a kind into gates. */
interface Planner {
  plan: InitPlan;
  add(gate: Omit<GateConfig, 'id'>, name: string, reason: string): void;
  /** True when the project's scripts already run a gate of this kind (and it was added). */
  followed(kind: string): boolean;
}

function plannerFor(facts: ProjectFacts): Planner {
  const plan: InitPlan = { gates: [], reasons: [], notes: [] };
  const ids = new Set<string>();
  const add = (gate: Omit<GateConfig, 'id'>, name: string, reason: string): void => {
    let id = name;
    for (let n = 2; ids.has(id); n++) id = `${name}-${n}`;
    ids.add(id);
    plan.gates.push({ id, ...gate } as GateConfig);
    plan.reasons.push(`${id}: ${reason}`);
  };
  const followed = (kind: string): boolean => {
    const found = facts.scriptGates.filter((g) => g.gate.kind === kind);
    // A project's one linter is simply `lint`; several are told apart by name.
    found.forEach((g) => add(g.gate, kind === 'lint' && found.length === 1 ? 'lint' : g.name, g.reason));
    return found.length > 0;
  };
  return { plan, add, followed };
}

function planTypecheck(facts: ProjectFacts, { plan, add, followed }: Planner): void {
  if (followed('typecheck') || !facts.tsconfig) return;
  add({ kind: 'typecheck', project: facts.tsconfig.chosen }, 'typecheck', `found ${facts.tsconfig.why}; runs your tsc with --noEmit`);
  if (facts.tsconfig.others.length > 0) plan.notes.push(`also found ${facts.tsconfig.others.join(', ')}; add a typecheck gate with "project" for any of them that matters`);
}

function planLint(facts: ProjectFacts, { plan, add, followed }: Planner): void {
  if (followed('lint')) return;
  for (const { linter, config } of facts.linters) {
    const gate = linter === 'eslint' ? { kind: 'lint' } : { kind: 'lint', linter };
    add(gate, linter === 'eslint' || facts.linters.length === 1 ? 'lint' : `lint-${linter}`, linter === 'eslint' ? `found the ESLint flat config ${config}` : `found the ${LINTER_NAMES[linter]} config ${config}`);
  }
  if (!facts.eslintConfig && facts.legacyEslintConfig) plan.notes.push(`found ${facts.legacyEslintConfig}, a legacy ESLint config; the lint gate needs a flat config (eslint.config.js), so no lint gate was added`);
}

function planComplexity(facts: ProjectFacts, { plan, add }: Planner): void {
  if (!facts.sources) return;
  add({ kind: 'complexity', include: facts.sources.include, exclude: COMPLEXITY_EXCLUDE }, 'complexity', `found TypeScript/JavaScript sources in ${facts.sources.where}; flags functions with cyclomatic complexity above 10 (test files left out)`);
  for (const why of facts.complexity?.why ?? []) plan.notes.push(`complexity: ${why}`);
}

function planBuild(facts: ProjectFacts, { plan, add }: Planner): void {
  if (facts.packageManagerNote !== undefined) plan.notes.push(facts.packageManagerNote);
  if (facts.buildScript === undefined) return;
  const pm = facts.packageManager;
  const gate = pm.name === 'npm' ? { kind: 'build' } : { kind: 'build', command: runScript(pm.name, 'build') };
  add(gate, 'build', `package.json has a build script (${facts.buildScript}); runs ${runScript(pm.name, 'build')}${pm.name === 'npm' ? '' : ` (${pm.why})`}`);
}

function planTest(facts: ProjectFacts, { plan, add, followed }: Planner): void {
  if (followed('test')) return;
  if (facts.vitest) add({ kind: 'test' }, 'test', `${facts.vitest}; runs vitest run`);
  else if (facts.jest) add({ kind: 'test', runner: 'jest' }, 'test', `${facts.jest}; runs jest --ci`);
  else if (facts.otherTestScript && !facts.uncovered.some((u) => u.script === 'test')) plan.notes.push(`package.json's test script (${facts.otherTestScript}) runs no test runner Gatekeeper reads (Vitest, Jest, node --test); to gate on it, add { "id": "test", "kind": "command", "command": "${runScript(facts.packageManager.name, 'test')}" }`);
}

/** The gates a project's facts call for, cheapest first: a failing typecheck stops before the tests run. */
export function planGates(facts: ProjectFacts): InitPlan {
  const planner = plannerFor(facts);
  planTypecheck(facts, planner);
  planLint(facts, planner);
  planComplexity(facts, planner);
  planBuild(facts, planner);
  planTest(facts, planner);
  for (const u of facts.uncovered) {
    planner.plan.notes.push(`"${u.script}" runs \`${u.text}\`, which no gate covers; to gate on it, add { "id": ${JSON.stringify(u.name)}, "kind": "command", "command": ${JSON.stringify(u.command)} }`);
  }
  return planner.plan;
}
