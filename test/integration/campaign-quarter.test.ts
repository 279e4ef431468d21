import { expect, it } from "vitest";
import { campaignMilestones } from "../../src/core/campaigns/calendar.js";
import { DEFAULT_SCHEDULE } from "../../src/core/campaigns/schema.js";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import type { OutboxSender } from "../../src/delivery/sender.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";

interface Delivered {
  email: string;
  at: string;
  summary: string;
  kind: string;
}

/** Records what each person receives, at the fake clock's time. */
async function recordingWorker(db: Database, clock: { now: Date }, delivered: Delivered[]) {
  const emails = new Map((await db.prisma.person.findMany({ select: { id: true, email: true } })).map((p) => [p.id, p.email ?? ""]));
  const sender: OutboxSender = {
    platform: "WEB",
    async send(d) {
      const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: d.outboxId }, select: { kind: true } });
      delivered.push({ email: emails.get(d.personId!)!, at: clock.now.toISOString(), summary: d.message.summary, kind: row.kind });
      return { ok: true, platformMessageId: `m${delivered.length}` };
    },
  };
  return new OutboxWorker({ db: db.prisma, now: () => clock.now, senders: [sender], ratePerSecond: { WEB: 100_000 } });
}

const HOUR = 3_600_000;

describeEachDatabase("campaign: a whole quarter with a fake clock", (use) => {
  it("opens, prompts, reminds non-reporters, closes and summarises at local times across the DST change", async () => {
    const db = use();
    const start = new Date("2026-09-30T00:00:00Z");
    const { networkId, actor } = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
    // Second reminder 30 days in: after the clocks go back on 25 October.
    await db.prisma.network.update({ where: { id: networkId }, data: { reminderOffsetsDays: [7, 30], createdAt: new Date("2026-09-01T00:00:00Z") } });
    const clock = { now: start };
    const delivered: Delivered[] = [];
    const worker = await recordingWorker(db, clock, delivered);
    const reports: Record<string, string> = { "2026-10-05T10:00:00.000Z": "bakeryHr", "2026-10-20T10:00:00.000Z": "logisticsHr" };

    for (let t = start.getTime(); t <= new Date("2027-01-05T00:00:00Z").getTime(); t += HOUR) {
      clock.now = new Date(t);
      const who = reports[clock.now.toISOString()];
      if (who) {
        const result = await submitReport(depsFor(db, clock.now), await actor(who as "bakeryHr"), { realised: 2, ambition: 10 }, "WEB");
        expect(result.ok).toBe(true);
      }
      await runDueCampaigns(db.prisma, clock.now, "test");
      await worker.drain();
    }

    const got = (key: keyof typeof demoEmails) => delivered.filter((d) => d.email === demoEmails[key]).map((d) => [d.kind, d.at]);
    const prompt = ["campaign.prompt", "2026-10-01T07:00:00.000Z"]; // Thu 1 Oct 09:00 CEST
    const reminder1 = ["campaign.reminder", "2026-10-08T07:00:00.000Z"]; // Thu 8 Oct 09:00 CEST
    const reminder2 = ["campaign.reminder", "2026-11-02T08:00:00.000Z"]; // Sat 31 Oct → Mon 2 Nov 09:00 CET
    const nextPrompt = ["campaign.prompt", "2027-01-04T08:00:00.000Z"]; // Q1 2027 opens on the first working day
    expect(got("bakeryHr")).toEqual([prompt, nextPrompt]);
    expect(got("bakeryDirector")).toEqual([prompt, nextPrompt]); // a colleague reported: not reminded
    expect(got("logisticsHr")).toEqual([prompt, reminder1, nextPrompt]);
    expect(got("careBuyer")).toEqual([prompt, reminder1, reminder2, nextPrompt]);
    expect(got("englishSpeaker")).toEqual([prompt, reminder1, reminder2, nextPrompt]);
    expect(got("coordinator")).toEqual([
      ["campaign.summary", "2026-10-01T07:00:00.000Z"], // Q3 closed at midnight; summary on the working morning
      ["campaign.summary", "2027-01-04T08:00:00.000Z"], // Q4: 1 Jan holiday, 2–3 Jan weekend
    ]);

    const english = delivered.filter((d) => d.email === demoEmails.englishSpeaker).map((d) => d.summary);
    expect(english).toEqual(["Quarterly report Q4 2026", "Reminder: report Q4 2026", "Reminder: report Q4 2026", "Quarterly report Q1 2027"]);
    expect(delivered.find((d) => d.email === demoEmails.careBuyer)?.summary).toBe("Kwartaalrapportage Q4 2026");
    const q4 = await db.prisma.reportingPeriod.findFirstOrThrow({ where: { networkId, year: 2026, quarter: 4 } });
    expect(q4.status).toBe("CLOSED");
    // Every campaign message was delivered (none left pending, cancelled only where excused).
    expect(await db.prisma.outboxMessage.count({ where: { status: { notIn: ["SENT", "CANCELLED"] }, kind: { startsWith: "campaign." } } })).toBe(0);
  }, 240_000);
});

it("keeps 09:00 local across the spring DST change in Q1 2026", () => {
  const moments = campaignMilestones({ year: 2026, quarter: 1 }, "Europe/Amsterdam", { ...DEFAULT_SCHEDULE, reminderOffsetsDays: [7, 14, 87] });
  expect(moments.map((m) => [m.kind, m.fireAt.toISOString()])).toEqual([
    ["open", "2026-01-02T08:00:00.000Z"], // 1 Jan is a holiday
    ["reminder-1", "2026-01-09T08:00:00.000Z"],
    ["reminder-2", "2026-01-16T08:00:00.000Z"],
    ["reminder-3", "2026-03-30T07:00:00.000Z"], // 29 Mar is a Sunday, after the change: 09:00 CEST
    ["close", "2026-03-31T22:00:00.000Z"], // midnight CEST
  ]);
});
