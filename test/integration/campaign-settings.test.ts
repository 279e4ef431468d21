import { expect, it } from "vitest";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { campaignSettings, setCampaignSettings } from "../../src/core/campaigns/settings.js";
import { ensurePeriod } from "../../src/core/reporting/periods.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { demoEmails, demoNetwork } from "../../src/demo/demo-data.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import type { OutboxSender } from "../../src/delivery/sender.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";

interface Delivered {
  email: string;
  at: string;
  kind: string;
  summary: string;
}

async function recordingWorker(db: Database, clock: { now: Date }, delivered: Delivered[]) {
  const emails = new Map((await db.prisma.person.findMany({ select: { id: true, email: true } })).map((p) => [p.id, p.email ?? ""]));
  const sender: OutboxSender = {
    platform: "WEB",
    async send(d) {
      const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: d.outboxId }, select: { kind: true } });
      delivered.push({ email: emails.get(d.personId!)!, at: clock.now.toISOString(), kind: row.kind, summary: d.message.summary });
      return { ok: true, platformMessageId: `m${delivered.length}` };
    },
  };
  return new OutboxWorker({ db: db.prisma, now: () => clock.now, senders: [sender], ratePerSecond: { WEB: 100_000 } });
}

const HOUR = 3_600_000;

describeEachDatabase("campaign settings per network", (use) => {
  it("validates the schedule in core: rounds ascending, before the close, bounded; members are refused; bad input changes nothing", async () => {
    const db = use();
    const now = new Date("2026-10-02T10:00:00Z");
    const { actor } = await seedDemo(db, now);
    const deps = depsFor(db, now);
    const coordinator = await actor("coordinator");
    const before = await snapshotCounts(db);

    const refusals: Array<[unknown, string, string]> = [
      [{ reminders: "14,7" }, "reminders", "field.campaigns.remindersOrder"],
      [{ reminders: "7,7" }, "reminders", "field.campaigns.remindersOrder"],
      [{ reminders: "1,2,3,4,5,6,7" }, "reminders", "field.campaigns.remindersTooMany"],
      [{ reminders: "7,veertien" }, "reminders", "field.campaigns.reminders"],
      [{ reminders: "0" }, "reminders", "field.campaigns.reminders"],
      // 90 days in the shortest quarter + 0 after it − 0: day 90 is the close itself.
      [{ reminders: "7,90" }, "reminders", "field.campaigns.remindersAfterClose"],
      [{ opensDay: "61" }, "opensDay", "field.campaigns.opensDay"],
      [{ opensDay: "-1" }, "opensDay", "field.campaigns.opensDay"],
      [{ closesAfterDays: "46" }, "closesAfterDays", "field.campaigns.closesAfterDays"],
      [{ closesAfterDays: "twee" }, "closesAfterDays", "field.campaigns.closesAfterDays"],
    ];
    for (const [input, field, key] of refusals) {
      const result = await setCampaignSettings(deps, coordinator, input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.fields?.[field]?.key, JSON.stringify(input)).toBe(key);
    }
    // The room depends on the other settings: opening later leaves less before the close.
    const late = await setCampaignSettings(deps, coordinator, { opensDay: "30", reminders: "60" });
    expect(!late.ok && late.error.fields?.reminders).toEqual({ key: "field.campaigns.remindersAfterClose", params: { max: 59 } });

    const member = await setCampaignSettings(deps, await actor("bakeryHr"), { reminders: "3" });
    expect(member).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect((await campaignSettings(deps, await actor("bakeryHr"))).ok).toBe(false);
    expect(await snapshotCounts(db)).toEqual(before);

    const saved = await setCampaignSettings(deps, coordinator, { reminders: "5, 20", opensDay: "1", closesAfterDays: "14" });
    expect(saved).toMatchObject({ ok: true, value: { reminderOffsetsDays: [5, 20], periodOpensDay: 1, periodClosesAfterDays: 14, changed: ["reminderOffsetsDays", "periodOpensDay", "periodClosesAfterDays"] } });
    // Q4 2026: opens Fri 2 Oct 09:00 CEST, reminders Wed 7 Oct and Thu 22 Oct, closes 15 Jan 2027 00:00 CET.
    expect(saved.ok && saved.value.next).toEqual({
      opensAt: new Date("2026-10-02T07:00:00Z"),
      reminders: [new Date("2026-10-07T07:00:00Z"), new Date("2026-10-22T07:00:00Z")],
      closesAt: new Date("2027-01-14T23:00:00Z"),
    });
    // Later on, 45 days after the quarter leaves room for a reminder on day 134.
    expect((await setCampaignSettings(deps, coordinator, { opensDay: "0", closesAfterDays: "45", reminders: "134" })).ok).toBe(true);
    expect((await setCampaignSettings(deps, coordinator, { reminders: "geen" })).ok && (await campaignSettings(deps, coordinator))).toMatchObject({ ok: true, value: { reminderOffsetsDays: [] } });
    const again = await setCampaignSettings(deps, coordinator, { reminders: "" });
    expect(again.ok && again.value.changed).toEqual([]);
    expect(await db.prisma.auditLog.count({ where: { action: "campaign.settings" } })).toBe(3);
  }, 120_000);

  it("the scheduler opens, reminds and closes on the configured days (fake clock), and the late window follows the close", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
    await db.prisma.network.update({ where: { id: networkId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
    const coordinator = await actor("coordinator");
    // Q3 was opened in July (its prompt is not part of this test).
    await ensurePeriod(db.prisma, { id: networkId, timeZone: "Europe/Amsterdam" }, { year: 2026, quarter: 3 });
    // Open 2 days into the quarter, remind 3 and 95 days after opening, close 8 days after the quarter ends.
    const set = await setCampaignSettings(depsFor(db, new Date("2026-09-25T10:00:00Z")), coordinator, { opensDay: "2", reminders: "3, 95", closesAfterDays: "8" });
    expect(set.ok).toBe(true);

    const clock = { now: new Date("2026-09-30T18:00:00Z") };
    const delivered: Delivered[] = [];
    const worker = await recordingWorker(db, clock, delivered);
    const late: Record<string, "ok" | "closed"> = {};
    for (let t = clock.now.getTime(); t <= new Date("2026-10-10T00:00:00Z").getTime(); t += HOUR) {
      clock.now = new Date(t);
      const iso = clock.now.toISOString();
      // Joost reports Q3 late, before its reminder; Mo tries after the close.
      if (iso === "2026-10-05T12:00:00.000Z" || iso === "2026-10-09T12:00:00.000Z") {
        const who = iso.startsWith("2026-10-05") ? "bakeryHr" : "logisticsHr";
        const result = await submitReport(depsFor(db, clock.now), await actor(who), { realised: 2, year: 2026, quarter: 3 }, "WEB");
        late[who] = result.ok ? "ok" : result.error.key === "reporting.periodClosed" ? "closed" : (result.error.key as "ok");
      }
      await runDueCampaigns(db.prisma, clock.now, "test");
      await worker.drain();
    }
    expect(late).toEqual({ bakeryHr: "ok", logisticsHr: "closed" });

    const got = (key: keyof typeof demoEmails) => delivered.filter((d) => d.email === demoEmails[key]).map((d) => [d.summary, d.at]);
    const prompt = ["Kwartaalrapportage Q4 2026", "2026-10-05T07:00:00.000Z"]; // 1 Oct + 2 = Sat 3 Oct → Mon 5 Oct 09:00 CEST, not the default Thu 1 Oct
    const q3Reminder = ["Herinnering: rapportage Q3 2026", "2026-10-06T07:00:00.000Z"]; // Q3 opened Fri 3 Jul; + 95 days = Tue 6 Oct, before Q3 closes on 9 Oct
    const q4Reminder = ["Herinnering: rapportage Q4 2026", "2026-10-08T07:00:00.000Z"]; // Mon 5 Oct + 3 = Thu 8 Oct
    expect(got("bakeryHr")).toEqual([prompt, q4Reminder]); // the bakery reported Q3: no Q3 reminder
    expect(got("logisticsHr")).toEqual([prompt, q3Reminder, q4Reminder]);
    expect(got("careBuyer")).toEqual([prompt, q3Reminder, q4Reminder]);
    // Q3 closed at midnight 8 days after the quarter (Fri 9 Oct 00:00 CEST); the summary on that working morning.
    expect(got("coordinator")).toEqual([[`Periode Q3 2026 gesloten — ${demoNetwork.name}`, "2026-10-09T07:00:00.000Z"]]);

    const runs = await db.prisma.scheduledRun.findMany({ where: { job: { startsWith: `campaign:${networkId}` } }, orderBy: { fireAt: "asc" }, select: { job: true, fireAt: true } });
    expect(runs.map((r) => [r.job.split(":").slice(2).join(":"), r.fireAt.toISOString()])).toEqual([
      ["2026Q4:open", "2026-10-05T07:00:00.000Z"],
      ["2026Q3:reminder-2", "2026-10-06T07:00:00.000Z"],
      ["2026Q4:reminder-1", "2026-10-08T07:00:00.000Z"],
      ["2026Q3:close", "2026-10-08T22:00:00.000Z"],
    ]);
    const periods = await db.prisma.reportingPeriod.findMany({ where: { networkId, year: 2026, quarter: { in: [3, 4] } }, orderBy: { quarter: "asc" }, select: { quarter: true, status: true, opensAt: true, closesAt: true } });
    expect(periods).toEqual([
      { quarter: 3, status: "CLOSED", opensAt: new Date("2026-07-02T22:00:00Z"), closesAt: new Date("2026-10-08T22:00:00Z") },
      { quarter: 4, status: "OPEN", opensAt: new Date("2026-10-02T22:00:00Z"), closesAt: new Date("2027-01-08T23:00:00Z") },
    ]);
  }, 240_000);
});
