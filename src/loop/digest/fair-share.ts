/**
 * Water-filling over ordered lists of costs: each list takes a prefix. First every list takes its
 * first item if it fits at all (cheapest first); then every round splits what is
 * left equally between the lists still wanting more; a list that needs less than its share leaves
 * the rest to the others. When no list can take its next item within a share, the first whose
 * next item still fits in what is left takes it (crumbs are not wasted). Returns the prefix length
 * taken from each list; the sum of the taken costs never exceeds `room`.
 */
export function fairShare(costs: readonly (readonly number[])[], room: number): number[] {
  const taken = costs.map(() => 0);
  const open = new Set(costs.map((_, i) => i).filter((i) => (costs[i]?.length ?? 0) > 0));
  let left = Math.max(0, room);
  const next = (g: number): number | undefined => costs[g]?.[taken[g] ?? 0];
  // Everyone's first item before anyone's second: no list is starved by others' small items.
  for (const g of [...open].sort((a, b) => (next(a) ?? 0) - (next(b) ?? 0) || a - b)) {
    const first = next(g) ?? Infinity;
    if (first > left) continue;
    left -= first;
    taken[g] = 1;
    if (next(g) === undefined) open.delete(g);
  }
  while (open.size > 0) {
    const share = Math.floor(left / open.size);
    let progress = false;
    for (const g of [...open]) {
      let used = 0;
      for (let c = next(g); c !== undefined && used + c <= share; c = next(g)) {
        used += c;
        taken[g] = (taken[g] ?? 0) + 1;
      }
      left -= used;
      if (used > 0) progress = true;
      if (next(g) === undefined) open.delete(g);
    }
    if (progress) continue;
    for (const g of [...open]) if ((next(g) ?? Infinity) > left) open.delete(g);
    const first = [...open][0];
    if (first === undefined) break;
    left -= next(first) ?? 0;
    taken[first] = (taken[first] ?? 0) + 1;
    if (next(first) === undefined) open.delete(first);
  }
  return taken;
}
