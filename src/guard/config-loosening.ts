import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';

/**
 * Compares `.gatekeeper.json` at the base with the one now and names each way it got looser:
 * a gate gone (or turned into another kind), a threshold moved the permissive way. Timeouts and
 * failFast change how a run goes, not what passes, so they are not loosening.
 */

export interface ThresholdRule {
  kind: string;
  option: string;
  /** The value when the option is absent, as the gate itself defaults it. */
  fallback: number;
  /** Which direction lets more through. */
  looser: 'higher' | 'lower';
  /** Maps sentinel values (-1 = no limit) to a comparable number. */
  normalise?: (value: number) => number;
}

export interface ConfigFinding {
  code: 'gate-removed' | 'threshold-raised';
  line: number;
  message: string;
}

interface GateEntry {
  id: string;
  kind: string;
  node: JsonNode;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function gatesOf(root: JsonNode | undefined): GateEntry[] {
  const gates = root ? findNodeAtLocation(root, ['gates']) : undefined;
  if (gates?.type !== 'array') return [];
  return (gates.children ?? []).flatMap((node) => {
    const id = findNodeAtLocation(node, ['id'])?.value as unknown;
    const kind = findNodeAtLocation(node, ['kind'])?.value as unknown;
    return typeof id === 'string' && typeof kind === 'string' ? [{ id, kind, node }] : [];
  });
}

function effective(rule: ThresholdRule, node: JsonNode): number {
  const raw = findNodeAtLocation(node, [rule.option])?.value as unknown;
  const value = typeof raw === 'number' ? raw : rule.fallback;
  return rule.normalise ? rule.normalise(value) : value;
}

function show(value: number): string {
  return Number.isFinite(value) ? String(value) : 'no limit';
}

function thresholdFindings(before: GateEntry, after: GateEntry, rules: readonly ThresholdRule[], text: string): ConfigFinding[] {
  return rules
    .filter((rule) => rule.kind === after.kind)
    .flatMap((rule) => {
      const was = effective(rule, before.node);
      const now = effective(rule, after.node);
      const loosened = rule.looser === 'higher' ? now > was : now < was;
      if (!loosened) return [];
      const at = findNodeAtLocation(after.node, [rule.option])?.parent ?? after.node;
      return [{ code: 'threshold-raised' as const, line: lineAt(text, at.offset), message: `gate "${after.id}": ${rule.option} loosened from ${show(was)} to ${show(now)}` }];
    });
}

/** Both texts must be readable configs; a missing or broken one is other checks' business. */
export function compareConfigs(baseText: string, currentText: string, rules: readonly ThresholdRule[]): ConfigFinding[] {
  const before = gatesOf(parseTree(baseText));
  const currentRoot = parseTree(currentText);
  const after = new Map(gatesOf(currentRoot).map((g) => [g.id, g]));
  const gatesNode = currentRoot ? findNodeAtLocation(currentRoot, ['gates']) : undefined;
  const gatesLine = gatesNode?.parent ? lineAt(currentText, gatesNode.parent.offset) : 1;
  const findings: ConfigFinding[] = [];
  for (const old of before) {
    const now = after.get(old.id);
    if (!now) {
      findings.push({ code: 'gate-removed', line: gatesLine, message: `gate "${old.id}" (${old.kind}) was removed` });
    } else if (now.kind !== old.kind) {
      findings.push({ code: 'gate-removed', line: lineAt(currentText, now.node.offset), message: `gate "${old.id}" is now a ${now.kind} gate, no longer ${old.kind}` });
    } else {
      findings.push(...thresholdFindings(old, now, rules, currentText));
    }
  }
  return findings;
}
