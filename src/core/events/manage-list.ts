import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { upcomingEventCounts, type EventCounts } from "../insights/upcoming-events.js";
import { networksInScope } from "../networks/scope.js";
import { ok, type Result } from "../result.js";
import { notACoordinator } from "./save-event.js";

// The dashboard lists what a coordinator plans: a busy network has a few dozen events ahead.
const MAX_MANAGED_EVENTS = 100;

/** Coordinators: the upcoming events of their network and the networks below, with counts, soonest first. */
export async function eventsToManage(deps: CoreDeps, actor: Actor): Promise<Result<EventCounts[]>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const scope = await networksInScope(deps, actor);
  return ok(await upcomingEventCounts(deps.db, scope, deps.now(), MAX_MANAGED_EVENTS));
}
