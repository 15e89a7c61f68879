/** The state of one water-filling: the prefix taken from each list, the lists still wanting more, the room left. */
interface Filling {
  costs: readonly (readonly number[])[];
  taken: number[];
  open: Set<number>;
  left: number;
}

function nextCost(f: Filling, g: number): number | undefined {
  return f.costs[g]?.[f.taken[g] ?? 0];
}

function take(f: Filling, g: number): void {
  f.left -= nextCost(f, g) ?? 0;
  f.taken[g] = (f.taken[g] ?? 0) + 1;
  if (nextCost(f, g) === undefined) f.open.delete(g);
}

/** Everyone's first item before anyone's second, cheapest first: no list is starved by others' small items. */
function takeFirstItems(f: Filling): void {
  const order = [...f.open].sort((a, b) => (nextCost(f, a) ?? 0) - (nextCost(f, b) ?? 0) || a - b);
  for (const g of order) if ((nextCost(f, g) ?? Infinity) <= f.left) take(f, g);
}

/** One round: every open list takes what fits in an equal share of what is left; whether any took something. */
function shareRound(f: Filling): boolean {
  const share = Math.floor(f.left / f.open.size);
  let progress = false;
  for (const g of [...f.open]) {
    let used = 0;
    for (let c = nextCost(f, g); c !== undefined && used + c <= share; c = nextCost(f, g)) {
      used += c;
      take(f, g);
    }
    if (used > 0) progress = true;
  }
  return progress;
}

/** No list's next item fits its share: the first whose next item fits what is left takes it (crumbs are not wasted). */
function takeCrumb(f: Filling): boolean {
  for (const g of [...f.open]) if ((nextCost(f, g) ?? Infinity) > f.left) f.open.delete(g);
  const first = [...f.open][0];
  if (first === undefined) return false;
  take(f, first);
  return true;
}

/**
 * Water-filling over ordered lists of costs: each list takes a prefix. First every list takes its
 * first item if it fits at all (cheapest first); then every round splits what is
 * left equally between the lists still wanting more; a list that needs less than its share leaves
 * the rest to the others. When no list can take its next item within a share, the first whose
 * next item still fits in what is left takes it. Returns the prefix length taken from each list;
 * the sum of the taken costs never exceeds `room`.
 */
export function fairShare(costs: readonly (readonly number[])[], room: number): number[] {
  const f: Filling = { costs, taken: costs.map(() => 0), open: new Set(costs.map((_, i) => i).filter((i) => (costs[i]?.length ?? 0) > 0)), left: Math.max(0, room) };
  takeFirstItems(f);
  let moving = true;
  while (moving && f.open.size > 0) moving = shareRound(f) || takeCrumb(f);
  return f.taken;
}
