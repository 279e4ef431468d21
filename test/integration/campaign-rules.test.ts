import { expect, it } from "vitest";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import type { OutboxSender } from "../../src/delivery/sender.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts, type DemoPersonKey, chatFor } from "../support/fixtures.js";

const openDay = new Date("2026-10-01T07:00:00Z"); // Q4 opens: Thu 1 Oct 09:00 CEST

async function setup(db: Database) {
  const demo = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
  await db.prisma.network.update({ where: { id: demo.networkId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
  const say = async (who: DemoPersonKey, text: string, now: Date) => {
    const effects = await handleText(chatContext(chatFor(depsFor(db, now)), await demo.actor(who), "WEB"), text);
    return effects.map(textOf).join("\n");
  };
  return { ...demo, say };
}

const textOf = (e: ChatEffect) => ("message" in e ? e.message.blocks.map((b) => ("text" in b ? b.text : "")).join(" ") : "");

async function outboxFor(db: Database, email: string) {
  const person = await db.prisma.person.findFirstOrThrow({ where: { email: { startsWith: email.split("@")[0] } } });
  return db.prisma.outboxMessage.findMany({ where: { personId: person.id }, orderBy: { nextAttemptAt: "asc" }, select: { kind: true, nextAttemptAt: true, status: true, idempotencyKey: true } });
}

describeEachDatabase("campaign rules", (use) => {
  it("gives nobody a second campaign message on the same day: a manual round waits until the next morning", async () => {
    const db = use();
    const { say } = await setup(db);
    await runDueCampaigns(db.prisma, openDay, "test");
    const reply = await say("coordinator", "herinner nu", new Date("2026-10-01T12:00:00Z"));
    expect(reply).toContain("7 contactpersonen"); // the 7 contacts of 6 employers without a report
    const fleur = await outboxFor(db, "fleur.inkoop@");
    expect(fleur.map((r) => [r.kind, r.nextAttemptAt.toISOString()])).toEqual([
      ["campaign.prompt", "2026-10-01T07:00:00.000Z"],
      ["campaign.reminder", "2026-10-02T07:00:00.000Z"], // next day, 09:00 CEST
    ]);
    // Asking again the same day sends nothing new.
    await say("coordinator", "herinner nu", new Date("2026-10-01T13:00:00Z"));
    expect(await outboxFor(db, "fleur.inkoop@")).toHaveLength(2);
  });

  it("holds campaign messages during quiet hours and a snooze, and drops a reminder once a colleague reported", async () => {
    const db = use();
    const { say, actor } = await setup(db);
    expect(await say("careBuyer", "stille uren 18-10", openDay)).toContain("18:00");
    expect(await say("englishSpeaker", "remind me monday", openDay)).toContain("Monday");
    await runDueCampaigns(db.prisma, openDay, "test");

    const sent: string[] = [];
    const sender: OutboxSender = { platform: "WEB", send: async (d) => (sent.push(`${d.personId}:${d.message.summary}`), { ok: true, platformMessageId: "x" }) };
    let now = openDay;
    const worker = new OutboxWorker({ db: db.prisma, now: () => now, senders: [sender] });
    await worker.drain();
    const [fleur, alex, joost] = [await actor("careBuyer"), await actor("englishSpeaker"), await actor("bakeryHr")];
    expect(sent.some((s) => s.startsWith(fleur.personId))).toBe(false); // 09:00 is inside 18-10
    expect(sent.some((s) => s.startsWith(alex.personId))).toBe(false); // snoozed until Monday
    expect(sent.some((s) => s.startsWith(joost.personId))).toBe(true);
    expect((await outboxFor(db, "fleur.inkoop@"))[0]!.nextAttemptAt.toISOString()).toBe("2026-10-01T08:00:00.000Z");

    // Joost's colleague Els reports before the manual round is delivered: Joost is not reminded.
    await say("coordinator", "herinner nu", new Date("2026-10-01T12:00:00Z"));
    await submitReport(depsFor(db, new Date("2026-10-01T20:00:00Z")), await actor("bakeryDirector"), { realised: 1, ambition: 12 }, "WEB");
    now = new Date("2026-10-02T07:00:00Z");
    await worker.drain();
    const joostRows = await outboxFor(db, "joost.hr@");
    expect(joostRows.map((r) => [r.kind, r.status])).toEqual([["campaign.prompt", "SENT"], ["campaign.reminder", "CANCELLED"]]);
  });

  it("pauses a network's campaign and catches up on resume with only the latest reminder round", async () => {
    const db = use();
    const { say } = await setup(db);
    expect(await say("bakeryHr", "campagne pauzeer", openDay)).toContain("alleen voor netwerkcoördinatoren");
    expect(await say("coordinator", "campagne pauzeer", openDay)).toContain("staat stil");
    expect(await runDueCampaigns(db.prisma, new Date("2026-10-20T07:00:00Z"), "test")).toEqual([]);
    expect(await db.prisma.outboxMessage.count()).toBe(0);

    await say("coordinator", "campagne hervat", new Date("2026-10-20T07:00:00Z"));
    const runs = await runDueCampaigns(db.prisma, new Date("2026-10-20T07:00:00Z"), "test");
    expect(runs.map((r) => [r.job.split(":").pop(), r.outcome])).toEqual([
      ["close", "ran"], // Q3 summary
      ["open", "ran"],
      ["reminder-1", "superseded"],
      ["reminder-2", "ran"],
    ]);
    // Prompt and reminder-2 fall due together: the reminder waits a day.
    const fleur = await outboxFor(db, "fleur.inkoop@");
    expect(fleur.map((r) => [r.kind, r.nextAttemptAt.toISOString()])).toEqual([
      ["campaign.prompt", "2026-10-20T07:00:00.000Z"],
      ["campaign.reminder", "2026-10-21T07:00:00.000Z"],
    ]);
  });

  it("previews a round with counts and a sample, refuses members, and rejects bad snooze and quiet-hour input without changes", async () => {
    const db = use();
    const { say } = await setup(db);
    await runDueCampaigns(db.prisma, openDay, "test");
    const preview = await say("coordinator", "herinner voorbeeld", new Date("2026-10-05T10:00:00Z"));
    expect(preview).toContain("7 contactpersonen van 6 werkgevers");
    expect(preview).toContain("Herinnering: rapportage Q4 2026");
    expect(await say("logisticsHr", "herinner nu", openDay)).toContain("alleen voor netwerkcoördinatoren");
    const memberHelp = await say("logisticsHr", "help", openDay);
    expect(memberHelp).toContain("herinner me maandag");
    expect(memberHelp).not.toContain("herinneringsronde");
    expect(await say("coordinator", "help", openDay)).toContain("herinneringsronde bekijken of nu versturen");

    const before = await snapshotCounts(db);
    expect(await say("logisticsHr", "herinner me nooit", openDay)).toContain("herinner me maandag");
    expect(await say("logisticsHr", "snooze 2027-06-01", openDay)).toContain("60 dagen");
    expect(await say("logisticsHr", "stille uren 25-08", openDay)).toContain("stille uren 18-08");
    expect(await say("logisticsHr", "stille uren 8-8", openDay)).toContain("stille uren 18-08");
    expect(await snapshotCounts(db)).toEqual(before);
    const mo = await db.prisma.person.findFirstOrThrow({ where: { email: { startsWith: "mo.hr" } } });
    expect(mo).toMatchObject({ snoozedUntil: null, quietHoursStart: null });
  });

  it("shows coordinators which messages could not be delivered and why", async () => {
    const db = use();
    const { say } = await setup(db);
    await runDueCampaigns(db.prisma, openDay, "test");
    const failing: OutboxSender = { platform: "WEB", send: async () => ({ ok: false, error: "channel_not_found", permanent: true }) };
    await new OutboxWorker({ db: db.prisma, now: () => openDay, senders: [failing] }).drain();
    const text = await say("coordinator", "mislukt", openDay);
    expect(text).toContain("Fleur Jansen — campaign.prompt, 1 poging: channel_not_found");
    expect(await say("coordinator", "herinner status", openDay)).toContain("channel_not_found");
  });
});
