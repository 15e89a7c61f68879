import type { GateConfig } from '../config/schema.js';
import type { ProjectFacts } from './detect.js';

export interface InitPlan {
  gates: GateConfig[];
  /** One line per gate: why it is there. */
  reasons: string[];
  /** What was found but not turned into a gate, and what to do about it. */
  notes: string[];
}

/** The gates a project's facts call for, cheapest first: a failing typecheck stops before the tests run. */
export function planGates(facts: ProjectFacts): InitPlan {
  const plan: InitPlan = { gates: [], reasons: [], notes: [] };
  const add = (gate: GateConfig, reason: string): void => {
    plan.gates.push(gate);
    plan.reasons.push(`${gate.id}: ${reason}`);
  };
  if (facts.tsconfig) {
    add({ id: 'typecheck', kind: 'typecheck', project: facts.tsconfig.chosen }, `found ${facts.tsconfig.why}; runs your tsc with --noEmit`);
    if (facts.tsconfig.others.length > 0) plan.notes.push(`also found ${facts.tsconfig.others.join(', ')}; add a typecheck gate with "project" for any of them that matters`);
  }
  if (facts.eslintConfig) add({ id: 'lint', kind: 'lint' }, `found the ESLint flat config ${facts.eslintConfig}`);
  else if (facts.legacyEslintConfig) plan.notes.push(`found ${facts.legacyEslintConfig}, a legacy ESLint config; the lint gate needs a flat config (eslint.config.js), so no lint gate was added`);
  if (facts.sources) add({ id: 'complexity', kind: 'complexity', include: facts.sources.include }, `found TypeScript/JavaScript sources in ${facts.sources.where}; flags functions with cyclomatic complexity above 10`);
  if (facts.buildScript !== undefined) add({ id: 'build', kind: 'build' }, `package.json has a build script (${facts.buildScript}); runs npm run build`);
  if (facts.vitest) add({ id: 'test', kind: 'test' }, `${facts.vitest}; runs vitest run`);
  else if (facts.otherTestScript) plan.notes.push(`package.json's test script (${facts.otherTestScript}) does not use Vitest; to gate on it, add { "id": "test", "kind": "command", "command": "npm test" }`);
  return plan;
}
