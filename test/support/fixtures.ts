import type { Actor } from "../../src/core/actor.js";
import { chatServices, type ChatServices } from "../../src/chat/context.js";
import type { CoreDeps } from "../../src/core/deps.js";
import { useCases } from "../../src/core/use-cases.js";
import { actorForPerson } from "../../src/core/members/actor-lookup.js";
import type { Database } from "../../src/db/database.js";
import { demoEmails, seedDemoData } from "../../src/demo/demo-data.js";
import { channelErasureHooks } from "../../src/platforms/erasure.js";
import type { WebLinks } from "../../src/shared/web-links.js";

/** A fixed "now" inside Q4 2026 (Amsterdam), so quarter logic is deterministic. */
export const fixedNow = new Date("2026-11-25T10:00:00Z");

export function depsFor(db: Database, now: Date = fixedNow): CoreDeps {
  return { db: db.prisma, cache: db.cache, now: () => now, erasure: channelErasureHooks() };
}

/** The chat layer's services over these deps, without web links (the dashboard command says it is unavailable). */
export function chatFor(deps: CoreDeps, links?: WebLinks): ChatServices {
  return chatServices(useCases(deps), links);
}

export type DemoPersonKey = keyof typeof demoEmails;

/** The Slack workspace and Teams tenant the test requests come from (slack-requests.ts, teams-activities.ts). */
export const testWorkspaces = [
  { platform: "SLACK", tenantId: "T0001" },
  { platform: "TEAMS", tenantId: "tenant-99vandemo" },
] as const;

/**
 * Seeds the demo network, bound to the test workspace and tenant (a chat identity counts only
 * in a bound workspace), and returns a way to act as any of its people.
 */
export async function seedDemo(db: Database, now: Date = fixedNow) {
  const { networkId } = await seedDemoData(db.prisma, now);
  await bindWorkspace(db, networkId, ...testWorkspaces);
  const actor = async (key: DemoPersonKey): Promise<Actor> => {
    const person = await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails[key] }, select: { id: true } });
    const found = await actorForPerson(db.prisma, person.id);
    if (!found) throw new Error(`demo person ${key} missing`);
    return found;
  };
  return { networkId, actor };
}

/** Binds workspaces to a network directly (the admin's use case is tested in networks-setup). */
export async function bindWorkspace(db: Database, networkId: string, ...workspaces: ReadonlyArray<{ platform: "SLACK" | "TEAMS"; tenantId: string }>) {
  await db.prisma.workspaceBinding.createMany({ data: workspaces.map((w) => ({ networkId, ...w })), skipDuplicates: true });
}

/** Counts of every table a use case could touch, to assert that bad input changed nothing. */
export async function snapshotCounts(db: Database) {
  const p = db.prisma;
  const [reports, revisions, periods, events, rsvps, memberships, identities, audit, outbox, people] = await Promise.all([
    p.placementReport.count(),
    p.placementReportRevision.count(),
    p.reportingPeriod.count(),
    p.event.count(),
    p.rsvp.count(),
    p.subgroupMembership.count(),
    p.platformIdentity.count(),
    p.auditLog.count(),
    p.outboxMessage.count(),
    p.person.count(),
  ]);
  return { reports, revisions, periods, events, rsvps, memberships, identities, audit, outbox, people };
}
