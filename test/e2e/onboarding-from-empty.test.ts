import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { campaignMilestones } from "../../src/core/campaigns/calendar.js";
import { DEFAULT_SCHEDULE } from "../../src/core/campaigns/schema.js";
import { nextQuarter, quarterOf } from "../../src/core/reporting/quarters.js";
import type { Database } from "../../src/db/database.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { runSchedulerTick } from "../../src/scheduler/tick.js";
import { emptyTarget, runAdminProcess, type EmptyTarget } from "../support/admin-process.js";
import type { DatabaseKind } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { DUTCH_HEADER } from "../support/member-sheets.js";
import { readableText, slashAndAnswer } from "../support/slack-answers.js";
import { SIGNING_SECRET, TEAM } from "../support/slack-requests.js";
import { startTestApp } from "../support/test-app.js";

type Json = Record<string, any>;

// A network's first day, as a host and its coordinator would go through it: an empty database,
// the real CLI in processes of its own for the set-up and the import, then the real app with
// Slack (Bolt over HTTP, signed requests; only the Slack Web API is faked). No SQL.
const EMPLOYERS = 60;
const PEOPLE = 150;
const sizes = ["micro", "klein", "middel", "groot", "zeer groot", "35", "250", "1200"];
const offers = ["werkplek", "werkplek, tijd", "kennis", "tijd, kennis", ""];
const functions = ["HR", "directie", "inkoop", "MVO", "overig"];

interface Contact {
  slackUser: string;
  email: string;
  reports: boolean;
  /** Not in the bound Slack workspace: users.lookupByEmail does not know the address. */
  inSlack: boolean;
}

/** One row per contact person with the employer's columns beside it, as the README's template. */
function memberList(): { rows: string[][]; contacts: Contact[] } {
  const rows = [DUTCH_HEADER];
  const contacts: Contact[] = [];
  for (let p = 0; p < PEOPLE; p++) {
    const e = p % EMPLOYERS;
    // Every employer's first contact reports, and a second one at every third of the first 30.
    const reports = p < EMPLOYERS || (p >= 2 * EMPLOYERS && e % 3 === 0);
    const email = `contact${p + 1}@werkgever${e + 1}.example`;
    rows.push([
      e === 0 ? 'Bakkerij "De Korenschoof"; Hengelo' : `Werkgever ${e + 1} BV`,
      ["Zorg", "Logistiek", "Voeding", "ICT"][e % 4]!,
      sizes[e % sizes.length]!,
      ["Enschede", "Hengelo", "Almelo"][e % 3]!,
      "Twente",
      offers[e % offers.length]!,
      String((e * 7) % 50),
      p % 7 === 0 ? `Van den Berg, contact ${p + 1}` : `Contact ${p + 1}`,
      p % 11 === 0 ? email.toUpperCase() : email,
      functions[p % functions.length]!,
      "lid",
      reports ? "ja" : "nee",
    ]);
    contacts.push({ slackUser: `U${String(p + 1).padStart(4, "0")}`, email, reports, inSlack: !(p >= 55 && p < 60) });
  }
  return { rows, contacts };
}

/** "CSV UTF-8 (gescheiden door lijstscheidingsteken)" as Excel saves it: BOM, ;, CRLF, quotes where needed and some where not. */
function excelCsv(rows: string[][]): string {
  const cell = (value: string, column: number) => (/[;"\r\n]/.test(value) || column === 5 || column === 7 ? `"${value.replaceAll('"', '""')}"` : value);
  return `\uFEFF${rows.map((row) => row.map(cell).join(";")).join("\r\n")}\r\n`;
}

async function excelWorkbook(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Leden");
  // Excel keeps numbers typed as numbers: sizes given as a head count and the ambition.
  for (const row of rows) sheet.addRow(row.map((value) => (/^\d+$/.test(value) ? Number(value) : value)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Slack's answers for the workspace's members, with their addresses confirmed (users.info, users.lookupByEmail). */
function slackWorkspace(contacts: Contact[]): Record<string, (body: Json) => Json> {
  const members = new Map(contacts.filter((c) => c.inSlack).map((c) => [c.slackUser, c.email]));
  members.set("UCOORD", "sanne@99vantwente.nl");
  const user = (id: string, email: string) => ({ ok: true, user: { id, is_email_confirmed: true, profile: { email } } });
  return {
    "users.info": (body) => {
      const email = members.get(String(body.user));
      return email ? user(String(body.user), email) : { ok: false, error: "user_not_found" };
    },
    "users.lookupByEmail": (body) => {
      const found = [...members].find(([, email]) => email === String(body.email).toLowerCase());
      return found ? user(found[0], found[1]) : { ok: false, error: "users_not_found" };
    },
  };
}

const kinds: DatabaseKind[] = ["pglite", "postgres"];

describe.each(kinds)("a network from an empty database to its first campaign [%s]", (kind) => {
  let target: EmptyTarget | undefined;
  let db: Database | undefined;
  let app: RunningApp | undefined;
  let fake: FakeSlackApi | undefined;
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await db?.close();
    await target?.drop();
  });

  it("sets up by CLI, imports 60 employers and 150 people, answers a report in Slack and prompts every reachable reporting contact once", async () => {
    target = await emptyTarget(kind);
    const { env, workDir } = target;
    const admin = (...args: string[]) => runAdminProcess(args, env, workDir);
    const { rows, contacts } = memberList();
    writeFileSync(join(workDir, "leden.csv"), excelCsv(rows), "utf8");
    writeFileSync(join(workDir, "leden.xlsx"), await excelWorkbook(rows));
    // Each database gets both files; which comes first differs, so each must import alone.
    const [first, second] = kind === "pglite" ? ["leden.xlsx", "leden.csv"] : ["leden.csv", "leden.xlsx"];

    const created = await admin("network", "create", "--slug", "99van-twente", "--name", "99vanTwente", "--coordinator", "Sanne de Vries <sanne@99vantwente.nl>");
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toContain("Netwerk 99vanTwente (99van-twente) is gemaakt.");
    const bound = await admin("bind", "--network", "99van-twente", "--slack", TEAM);
    expect(bound).toMatchObject({ code: 0, stderr: "" });
    const imported = await admin("import", first, "--network", "99van-twente");
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    // The coordinator is not in the coordinator's own list: named, and kept.
    expect(imported.stdout).toContain("Personen niet in het bestand (1): ze blijven staan. Verwijder of verplaats ze zelf als dat nodig is.\n  Sanne de Vries <sanne@99vantwente.nl>, geen werkgever\n");
    expect(imported.stdout).toContain(`Ingelezen: ${EMPLOYERS} werkgevers toegevoegd en 0 bijgewerkt, ${PEOPLE} personen toegevoegd en 0 bijgewerkt.`);
    const again = await admin("import", second, "--network", "99van-twente");
    expect(again).toMatchObject({ code: 0, stderr: "" });
    expect(again.stdout).toContain("Niets veranderd: het bestand kwam al overeen met de ledenlijst.");

    db = await target.open();
    const network = await db.prisma.network.findUniqueOrThrow({ where: { slug: "99van-twente" }, select: { id: true, timeZone: true, createdAt: true } });
    const people = await db.prisma.person.findMany({ where: { networkId: network.id }, select: { id: true, email: true, reportingContact: true, employerId: true } });
    const personByEmail = new Map(people.map((p) => [p.email, p]));
    expect(await db.prisma.employer.count({ where: { networkId: network.id } })).toBe(EMPLOYERS);
    expect(people).toHaveLength(PEOPLE + 1); // and the coordinator
    expect(await db.prisma.employer.findFirst({ where: { name: 'Bakkerij "De Korenschoof"; Hengelo' }, select: { sizeBand: true } })).toEqual({ sizeBand: expect.any(String) });
    expect(people.filter((p) => p.reportingContact).map((p) => p.email).sort()).toEqual(contacts.filter((c) => c.reports).map((c) => c.email).sort());

    // The app on that database, as `npm start` with Slack would run it; its clock is moved by the test.
    const clock = { now: new Date() };
    fake = await startFakeSlackApi({ handlers: slackWorkspace(contacts) });
    app = await startTestApp(db, { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_API_URL: fake.url }, { now: () => clock.now });
    const h = { app, fake, close: async () => {} };

    const reporter = contacts[0]!;
    const reporterPerson = personByEmail.get(reporter.email)!;
    const current = quarterOf(clock.now, network.timeZone);
    const answer = await slashAndAnswer(h, reporter.slackUser, "rapporteer 3 ambitie 10", "report-1");
    expect(answer.ack.status).toBe(200);
    expect(readableText(answer.message!)).toContain(`Je rapportage voor Q${current.quarter} ${current.year} is opgeslagen: 3 plaatsingen, ambitie 10.`);
    const report = await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: reporterPerson.employerId! }, include: { period: true, employer: true } });
    expect(report).toMatchObject({ realised: 3, employer: { ambition: 10 }, submittedVia: "SLACK", submittedById: reporterPerson.id, period: { year: current.year, quarter: current.quarter } });
    expect(await db.prisma.platformIdentity.findMany({ select: { personId: true, tenantId: true, externalUserId: true } })).toEqual([
      { personId: reporterPerson.id, tenantId: TEAM, externalUserId: reporter.slackUser },
    ]);

    // The first campaign moment after the network was made: the opening of the next quarter
    // (the current one opened before the network existed and is not caught up).
    const quarter = nextQuarter(quarterOf(network.createdAt, network.timeZone));
    const opening = campaignMilestones(quarter, network.timeZone, DEFAULT_SCHEDULE).find((m) => m.kind === "open")!;
    clock.now = opening.fireAt;
    const tick = await runSchedulerTick(db.prisma, clock.now, { instanceId: "e2e", eventReminderLeadMs: 86_400_000 });
    const reportingContacts = contacts.filter((c) => c.reports);
    expect(tick.campaigns.find((r) => r.job.endsWith(":open"))).toMatchObject({ outcome: "ran", messages: reportingContacts.length });
    // The app's senders: to linked Slack users, and to people without a chat identity, who
    // outside demo mode are looked up by address in the network's bound workspace.
    const worker = new OutboxWorker({ db: db.prisma, now: () => clock.now, senders: [app.slack!.sender, app.slack!.unlinkedSender], ratePerSecond: { SLACK: 10_000, WEB: 10_000 } });
    await worker.drain();

    // The prompts that reached Slack, by the outbox key in their metadata: other messages (a
    // coordinator's summary, welcome DMs) may go out too and are not counted here.
    const prompts = fake
      .callsTo("chat.postMessage")
      .map((call) => ({ channel: String(call.body.channel), key: String((call.body.metadata as Json | undefined)?.event_payload?.outboxKey ?? "") }))
      .filter((p) => p.key.startsWith(`campaign:${network.id}:`) && p.key.includes(":open:"));
    const reachable = reportingContacts.filter((c) => c.inSlack);
    const expected = reachable.map((c) => ({ channel: `D${c.slackUser}`, key: `:open:${personByEmail.get(c.email)!.id}` }));
    expect(prompts.map((p) => ({ channel: p.channel, key: p.key.slice(p.key.lastIndexOf(":open:")) })).sort(byChannel)).toEqual(expected.sort(byChannel));
    expect(prompts).toHaveLength(reachable.length); // once each

    // Everyone reached is linked now; whoever is not in the workspace stays unlinked, and the
    // coordinator sees why under `herinner mislukt`.
    const linked = await db.prisma.platformIdentity.count({ where: { tenantId: TEAM, person: { reportingContact: true } } });
    expect(linked).toBe(reachable.length);
    const undelivered = await db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt", status: { not: "SENT" } }, select: { personId: true, status: true, lastError: true } });
    const absent = reportingContacts.filter((c) => !c.inSlack).map((c) => personByEmail.get(c.email)!.id);
    expect(undelivered.sort((a, b) => a.personId!.localeCompare(b.personId!))).toEqual(absent.sort().map((personId) => ({ personId, status: "DEAD", lastError: "users_not_found" })));

    // The scheduler ticking again at the same moment sends nothing twice.
    expect((await runSchedulerTick(db.prisma, clock.now, { instanceId: "e2e-2", eventReminderLeadMs: 86_400_000 })).campaigns).toEqual([]);
    await worker.drain();
    expect(fake.callsTo("chat.postMessage").filter((c) => String((c.body.metadata as Json | undefined)?.event_payload?.outboxKey ?? "").includes(":open:"))).toHaveLength(reachable.length);
  }, 600_000); // four CLI processes; each takes a minute on a loaded 2-core machine
});

const byChannel = (a: { channel: string }, b: { channel: string }) => a.channel.localeCompare(b.channel);
