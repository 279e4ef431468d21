import { expect, it } from "vitest";
import { formatDateTime } from "../../src/i18n/format.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile, type RosterMember } from "../support/fake-bot-connector.js";
import { snapshotCounts } from "../support/fixtures.js";
import { cardAction, cardOf, cardText, message, postActivity, teamsRoster, teamsUser, type Where } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

/**
 * The personal overview card, Teams' stand-in for Slack's App Home: "home" (or "start", "thuis")
 * renders src/chat/home.ts. ("mijn" keeps meaning "mijn rapportages", the reports list.)
 * Expected contents come from src/demo/demo-data.ts seeded at fixedNow (25 Nov 2026, Q4 2026).
 */
const nl = translator("nl");
const en = translator("en");
const network = "99vanDemo (Twente, fictief)";
// Event 1 (the whole network, capacity 12) starts 21 days after now at 15:00 Amsterdam; event 2
// (subgroup Inclusief inkopen) 35 days after now at 10:00.
const praktijktafel = { number: 1, title: "Praktijktafel met de wethouder Werk en Inkomen", startsAt: new Date("2026-12-16T14:00:00Z") };
const masterclass = { number: 2, title: "Masterclass inclusief inkopen", startsAt: new Date("2026-12-30T09:00:00Z") };
// Past quarters bring round(ambition × n / 20) new placements for n = 1..4 (Q4 2025 … Q3 2026);
// employer position + n − 1 ≡ 4 (mod 5) skipped one. Bakery (position 0, ambition 12 by
// 31-12-2028): 1, 1, 2, 2 new, so 1, 2, 4, 6 in total. Tech (position 3, ambition 8): 0, –, 1, 2
// new (Q1 2026 not reported), so 0, 1, 3 in total (README "Ambitie en voortgang").
const bakeryTarget = "(doel 31 december 2028)";
const bakeryLine = (quarter: string, added: number, total: number) => `${quarter}: ${added} nieuw, totaal ${total} van 12 ${bakeryTarget}`;
const bakeryLines = [bakeryLine("Q3 2026", 2, 6), bakeryLine("Q2 2026", 2, 4), bakeryLine("Q1 2026", 1, 2), bakeryLine("Q4 2025", 1, 1)];
const techLine = (quarter: string, added: number, total: number) => `${quarter}: ${added} new, total ${total} of 8 (target 31 December 2028)`;
const techLines = [techLine("Q3 2026", 2, 3), techLine("Q2 2026", 1, 1), techLine("Q4 2025", 0, 0)];

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

/** The card as a person reads it: one entry per element, buttons as [label]. */
function lines(card: any): string[] {
  return card.body.map((e: any) =>
    e.type === "ActionSet" ? e.actions.map((a: any) => `[${a.title}]`).join(" ") : e.type === "RichTextBlock" ? e.inlines.map((r: any) => r.text).join("") : `<${e.type}>`,
  );
}

describeEachDatabase("Teams personal overview (home)", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);
  const joost = teamsUser("bakeryHr");
  const personalChat = (user: RosterMember) => `a:personal-${user.aadObjectId}`;
  const eventLine = (locale: "nl" | "en", event: typeof praktijktafel, answer: string) =>
    translator(locale)("home.events.line", { number: event.number, title: event.title, when: formatDateTime(locale, event.startsAt), answer });

  /** Asks for the overview and returns the card the person got in their personal chat. */
  async function home(user: RosterMember, word = "home", where: Where = { kind: "personal" }) {
    const from = connector.calls.length;
    expect((await post(message(connector, user, word, where))).status).toBe(200);
    const sent = connector.sent().filter((c) => connector.calls.indexOf(c) >= from);
    expect(sent).toHaveLength(1);
    return { call: sent[0]!, card: cardOf(sent[0]) };
  }

  async function say(user: RosterMember, text: string) {
    expect((await post(message(connector, user, text))).status).toBe(200);
    return cardText(cardOf(connector.sent().at(-1)));
  }

  it("matches the seed it is compared with", async () => {
    const events = await use().prisma.event.findMany({ orderBy: { number: "asc" }, select: { number: true, title: true, startsAt: true } });
    expect(events).toEqual([praktijktafel, masterclass]);
  });

  it("shows a member their employer's reports and what is due, their meetings and their subgroups with contacts", async () => {
    const { card } = await home(joost);

    expect(lines(card)).toEqual([
      nl("home.title", { name: "Joost Bakker" }),
      nl("home.intro", { network }),
      nl("home.reports.title", { employer: "Bakkerij De Korenschoof" }),
      nl("home.reports.due", { quarter: "Q4 2026" }),
      `[${nl("reporting.button.report")}]`,
      nl("figures.progressLine", { progress: `6 van 12 ${bakeryTarget}` }),
      bakeryLines.join("\n"),
      nl("home.events.title"),
      // Not the masterclass: it is for a subgroup Joost is not in.
      eventLine("nl", praktijktafel, nl("home.rsvp.none")),
      nl("home.subgroups.title"),
      "HR-kenniskring — contact: Joost Bakker (Bakkerij De Korenschoof)",
    ]);
    expect(card.body.filter((e: any) => e.separator).length).toBe(3);
    expect(card.fallbackText).toBe(nl("home.title", { name: "Joost Bakker" }));
  });

  it("opens the report form from the overview's button", async () => {
    const { call, card } = await home(joost);
    const button = card.body.find((e: any) => e.type === "ActionSet").actions[0];
    expect(button).toMatchObject({ type: "Action.Execute", data: { action: "report.open" } });

    const response = await post(cardAction(connector, joost, button.data, call.body.id ?? "sent-1"));

    expect(response.status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(nl("reporting.form.title", { quarter: "Q4 2026" }));
  });

  it("thanks for this quarter's report and lists it first once it is in, without the report button", async () => {
    expect(await say(joost, "rapporteer 3 ambitie 12")).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 3, ambition: 12 }));

    const { card } = await home(joost, "thuis");

    const shown = lines(card);
    expect(shown.slice(2, 6)).toEqual([
      nl("home.reports.title", { employer: "Bakkerij De Korenschoof" }),
      nl("home.reports.done", { quarter: "Q4 2026" }),
      nl("figures.progressLine", { progress: `9 van 12 ${bakeryTarget}` }),
      // The last four quarters: Q4 2025 drops off.
      [bakeryLine("Q4 2026", 3, 9), ...bakeryLines.slice(0, 3)].join("\n"),
    ]);
    expect(card.body.some((e: any) => e.type === "ActionSet")).toBe(false);
  });

  it("shows my RSVP after I answer: coming, maybe, on the waiting list, and moved up when a place frees", async () => {
    const mo = teamsUser("logisticsHr");
    const els = teamsUser("bakeryDirector");
    await use().prisma.event.update({ where: { networkId_number: await eventKey(1) }, data: { capacity: 1 } });
    await say(mo, "rsvp 1 ja");
    await say(els, "rsvp 2 misschien");
    // Joost presses "Ja, ik kom" in his agenda, as Teams sends it: a Universal Actions invoke.
    await say(joost, "events");
    const agenda = connector.sent().at(-1)!;
    const yes = cardOf(agenda).body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.title === nl("events.button.yes"));
    expect((await post(cardAction(connector, joost, yes.data, agenda.body.id ?? "sent-1"))).status).toBe(200);

    expect(lines((await home(mo)).card)).toContain(eventLine("nl", praktijktafel, nl("home.rsvp.YES")));
    expect(lines((await home(joost)).card)).toContain(eventLine("nl", praktijktafel, nl("home.rsvp.waitlisted", { position: 1 })));
    const elsCard = lines((await home(els, "start")).card);
    expect(elsCard).toContain([eventLine("nl", praktijktafel, nl("home.rsvp.none")), eventLine("nl", masterclass, nl("home.rsvp.MAYBE"))].join("\n"));
    expect(elsCard).toContain("Inclusief inkopen — contact: Fleur Jansen (Zorggroep Dinkel)");

    await say(mo, "rsvp 1 nee");
    expect(lines((await home(mo)).card)).toContain(eventLine("nl", praktijktafel, nl("home.rsvp.NO")));
    expect(lines((await home(joost)).card)).toContain(eventLine("nl", praktijktafel, nl("home.rsvp.YES")));
  });

  it("speaks English to a member who prefers it", async () => {
    const { card } = await home(teamsUser("englishSpeaker"));

    expect(lines(card)).toEqual([
      en("home.title", { name: "Alex Morgan" }),
      en("home.intro", { network }),
      en("home.reports.title", { employer: "Twente Tech Solutions" }),
      en("home.reports.due", { quarter: "Q4 2026" }),
      `[${en("reporting.button.report")}]`,
      en("figures.progressLine", { progress: "3 of 8 (target 31 December 2028)" }),
      techLines.join("\n"),
      en("home.events.title"),
      eventLine("en", praktijktafel, en("home.rsvp.none")),
      en("home.subgroups.title"),
      "HR-kenniskring — contact: Joost Bakker (Bakkerij De Korenschoof)",
    ]);
  });

  it("tells a coordinator without an employer that they do not report, and shows every meeting", async () => {
    const { card } = await home(teamsUser("coordinator"));

    const shown = lines(card);
    // First the network's figures of this quarter, as `status` gives them (issue 12).
    expect(shown.slice(0, 3)).toEqual([nl("home.title", { name: "Sanne Coördinator" }), nl("home.intro", { network }), nl("reporting.status.title", { quarter: "Q4 2026", network })]);
    expect(shown.slice(shown.indexOf(nl("home.reports.noEmployer")))).toEqual([
      nl("home.reports.noEmployer"),
      nl("home.events.title"),
      [eventLine("nl", praktijktafel, nl("home.rsvp.none")), eventLine("nl", masterclass, nl("home.rsvp.none"))].join("\n"),
      nl("home.subgroups.title"),
      nl("home.subgroups.none"),
    ]);
  });

  it("gives a new member of a new employer a sensible card: due, no reports yet, no subgroups", async () => {
    const db = use().prisma;
    const { id: networkId } = await db.network.findFirstOrThrow({ select: { id: true } });
    const employer = await db.employer.create({ data: { networkId, name: "Nieuwe Werkplaats", branche: "Industrie", sizeBand: "SMALL", location: "Enschede", region: "Twente" } });
    await db.person.create({ data: { networkId, employerId: employer.id, name: "Nina Nieuw", email: "nina@nieuwe-werkplaats.example", function: "HR" } });
    const nina: RosterMember = { id: "29:nina", aadObjectId: "aad-nina", name: "Nina", email: "nina@nieuwe-werkplaats.example", userPrincipalName: "nina@nieuwe-werkplaats.example" };
    connector.members.push(nina);
    try {
      const { card } = await home(nina);

      expect(lines(card)).toEqual([
        nl("home.title", { name: "Nina Nieuw" }),
        nl("home.intro", { network }),
        nl("home.reports.title", { employer: "Nieuwe Werkplaats" }),
        nl("home.reports.due", { quarter: "Q4 2026" }),
        `[${nl("reporting.button.report")}]`,
        nl("figures.progressLine", { progress: nl("figures.noAmbition", { cumulative: 0 }) }),
        nl("home.reports.none"),
        nl("home.events.title"),
        eventLine("nl", praktijktafel, nl("home.rsvp.none")),
        nl("home.subgroups.title"),
        nl("home.subgroups.none"),
      ]);
    } finally {
      connector.members.splice(connector.members.indexOf(nina), 1);
    }
  });

  it("sends the overview asked for in a channel to the personal chat only, and stores nothing for it", async () => {
    await home(joost);
    const before = await snapshotCounts(use());

    const { call, card } = await home(joost, "home", { kind: "channel" });

    expect(call.conversationId).toBe(personalChat(joost));
    expect(lines(card)[0]).toBe(nl("home.title", { name: "Joost Bakker" }));
    expect(connector.sent().some((c) => c.conversationId.startsWith("19:"))).toBe(false);
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("tells a stranger how to get linked instead of an overview, in their Teams language", async () => {
    expect((await post(message(connector, teamsUser("stranger"), "home", { kind: "personal" }, "en-US"))).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(en("error.unknownPerson"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(en("joining.button.join"));
  });

  async function eventKey(number: number) {
    const { id: networkId } = await use().prisma.network.findFirstOrThrow({ select: { id: true } });
    return { networkId, number };
  }
});
