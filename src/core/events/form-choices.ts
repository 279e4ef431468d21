import type { CoreDeps } from "../deps.js";

export interface EventFormChoices {
  /** Wall-clock times in the form are the network's. */
  timeZone: string;
  /** Audiences an event can be for besides the whole network. */
  subgroups: Array<{ id: string; name: string }>;
}

/** What the coordinator's event form offers: the network's time zone and its subgroups by name. */
export async function eventFormChoices(deps: Pick<CoreDeps, "db">, networkId: string): Promise<EventFormChoices> {
  const [network, subgroups] = await Promise.all([
    deps.db.network.findUniqueOrThrow({ where: { id: networkId }, select: { timeZone: true } }),
    deps.db.subgroup.findMany({ where: { networkId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { timeZone: network.timeZone, subgroups };
}
