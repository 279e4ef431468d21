import cron from "node-cron";
import { expect, it } from "vitest";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { databaseRunCoordinator } from "../../src/scheduler/coordinator.js";
import { runSchedulerTick } from "../../src/scheduler/tick.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";

const openDay = new Date("2026-10-01T07:00:00Z");

async function demoFromSeptember(db: Database) {
  const demo = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
  await db.prisma.network.update({ where: { id: demo.networkId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
  return demo;
}

describeEachDatabase("scheduler", (use) => {
  it("lets exactly one of several instances claim a node-cron fire", async () => {
    const db = use();
    const key = "netwerkbot-tick:2026-10-01T07:00:00.000Z";
    const coordinators = ["a", "b", "c"].map((id) => databaseRunCoordinator(db.prisma, id));
    const answers = await Promise.all(coordinators.map((c) => c.shouldRun(key, 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    const winner = ["a", "b", "c"][answers.indexOf(true)]!;
    await coordinators[answers.indexOf(true)]!.onComplete!(key);
    expect(await db.prisma.scheduledRun.findMany({ select: { job: true, fireAt: true, claimedBy: true, finishedAt: true } })).toEqual([
      { job: "netwerkbot-tick", fireAt: new Date("2026-10-01T07:00:00.000Z"), claimedBy: winner, finishedAt: expect.any(Date) },
    ]);
    // The next fire is a new claim.
    expect(await coordinators[0]!.shouldRun("netwerkbot-tick:2026-10-01T07:01:00.000Z", 60_000)).toBe(true);
  });

  it("runs each campaign moment once when three instances tick at the same time", async () => {
    const db = use();
    await demoFromSeptember(db);
    const runs = await Promise.all(["a", "b", "c"].map((id) => runDueCampaigns(db.prisma, openDay, id)));
    const ran = runs.flat().filter((r) => r.outcome === "ran").map((r) => r.job.split(":").pop()).sort();
    expect(ran).toEqual(["close", "open"]); // Q3's close and Q4's opening, once each
    expect(await db.prisma.outboxMessage.count({ where: { kind: "campaign.prompt" } })).toBe(7);
    expect(await db.prisma.scheduledRun.count()).toBe(2);
  });

  it("catches up a moment missed while every instance was down, once", async () => {
    const db = use();
    await demoFromSeptember(db);
    expect(await runDueCampaigns(db.prisma, new Date("2026-10-01T06:59:00Z"), "early")).toEqual([
      expect.objectContaining({ job: expect.stringMatching(/:2026Q3:close$/) }),
    ]);
    expect(await db.prisma.outboxMessage.count({ where: { kind: "campaign.prompt" } })).toBe(0);
    // Down from 06:59 until three days later: the opening runs at the first tick after start.
    const late = new Date("2026-10-04T12:00:00Z");
    const caughtUp = await runDueCampaigns(db.prisma, late, "restarted");
    expect(caughtUp.map((r) => [r.job.split(":").pop(), r.fireAt.toISOString(), r.messages])).toEqual([["open", "2026-10-01T07:00:00.000Z", 7]]);
    expect(await runDueCampaigns(db.prisma, new Date(late.getTime() + 60_000), "restarted")).toEqual([]);
    const prompts = await db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt" }, select: { nextAttemptAt: true } });
    expect(new Set(prompts.map((p) => p.nextAttemptAt.toISOString()))).toEqual(new Set([late.toISOString()]));
  });

  it("enqueues event reminders once, within the lead time before the event", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    const mo = await actor("logisticsHr");
    await db.prisma.rsvp.create({ data: { eventId: event.id, personId: mo.personId, response: "YES" } });
    const tick = (hoursBefore: number) =>
      runSchedulerTick(db.prisma, new Date(event.startsAt.getTime() - hoursBefore * 3_600_000), { instanceId: "t", eventReminderLeadMs: 24 * 3_600_000 });

    expect((await tick(25)).eventReminders).toBe(0);
    expect((await tick(23.5)).eventReminders).toBe(1);
    expect((await tick(23)).eventReminders).toBe(0);
    expect(await db.prisma.outboxMessage.findMany({ where: { kind: "event.reminder" }, select: { personId: true } })).toEqual([{ personId: mo.personId }]);
  });

  it("plugs the database coordinator into node-cron: two instances' tasks never both run a fire", async () => {
    const db = use();
    const runs: string[] = [];
    const tasks = ["a", "b"].map((id) =>
      cron.schedule("* * * * * *", (ctx) => void runs.push(`${id}:${ctx.date.toISOString()}`), {
        name: "test-every-second",
        distributed: true,
        runCoordinator: databaseRunCoordinator(db.prisma, id),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await Promise.all(tasks.map((t) => t.destroy()));
    await new Promise((resolve) => setTimeout(resolve, 300)); // let a claim in flight finish

    const claims = await db.prisma.scheduledRun.findMany({ where: { job: "test-every-second" } });
    const fires = runs.map((r) => r.slice(2));
    expect(claims.length).toBeGreaterThanOrEqual(2);
    expect(new Set(fires).size).toBe(fires.length); // no fire ran on both instances
    expect(fires.length).toBe(claims.length);
  });
});
