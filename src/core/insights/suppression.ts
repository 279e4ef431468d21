/** A group of employers in public figures; name null is the merged "other" group. */
export interface Group {
  name: string | null;
  employers: number;
  realised: number;
}

/**
 * Merges every group smaller than k into one "other" group. If that group is itself non-empty
 * but smaller than k, the smallest named groups join it until it is big enough: suppressing it
 * instead would not help, because the total minus the named groups gives it back.
 */
export function mergeSmallGroups(groups: Group[], k: number): Group[] {
  const named = groups.filter((g) => g.employers >= k).sort((a, b) => b.employers - a.employers || String(a.name).localeCompare(String(b.name)));
  const other: Group = { name: null, employers: 0, realised: 0 };
  for (const g of groups.filter((g) => g.employers < k)) absorb(other, g);
  while (other.employers > 0 && other.employers < k && named.length > 0) absorb(other, named.pop()!);
  return other.employers > 0 ? [...named, other] : named;
}

function absorb(into: Group, group: Group): void {
  into.employers += group.employers;
  into.realised += group.realised;
}
