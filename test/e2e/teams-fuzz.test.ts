import { expect, it } from "vitest";
import { MAX_REMARK_LENGTH } from "../../src/core/reporting/schema.js";
import { translator, type Locale } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile, type ConnectorCall } from "../support/fake-bot-connector.js";
import { snapshotCounts } from "../support/fixtures.js";
import { hostileText } from "../support/hostile-input.js";
import { pick, prng } from "../support/prng.js";
import { askTeams, expectHelpfulTeamsAnswer, expectNoInjection, readableText, type TeamsAnswer } from "../support/teams-answers.js";
import { cardAction, cardOf, message, teamsRoster, teamsUser, type TeamsUserKey, type Where } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

type Json = Record<string, any>;

/** Set TEAMS_FUZZ_SEED to replay a failing run; the seed in use is printed. */
const SEED = Number(process.env.TEAMS_FUZZ_SEED ?? 20261125);

// What Teams users can type: its own markup (mentions, HTML, entities), Adaptive Card JSON and
// templating, markdown links, control characters and numbers no person means.
const hostile = [
  "<at>Netwerkbot</at>",
  "<at>Iedereen</at>",
  '<at id="0">Sanne Coördinator</at>',
  '{"type":"Action.OpenUrl","url":"https://evil.example"}',
  '{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"**x**"}]}',
  "[klik hier](javascript:alert(1))",
  "[x](https://evil.example)",
  "**vet** _schuin_ ~~door~~ `code`",
  "<b>vet</b><script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "&lt;at&gt;x&lt;/at&gt;",
  "&amp;nbsp;&nbsp;",
  "${$root.secret}",
  "{{DATE(2026-01-01T00:00:00Z, SHORT)}}",
  "\r\n\t",
  ...hostileText,
];
// Every command (Dutch and English words) and its subcommands and arguments; not "taal", which
// would change the language the assertions expect.
const words = [
  "rapporteer", "report", "rapportages", "mijn", "historie", "history", "status", "export", "events", "agenda", "rsvp", "event", "nieuw",
  "annuleer", "wijzig", "deelnemers", "verwijder", "ics", "subgroepen", "subgroep", "lid", "verlaat", "contact", "zoek", "search", "profiel",
  "bewerk", "gegevens", "herinner", "snooze", "stille", "campagne", "mislukt", "dashboard", "persoon", "ambitie", "opmerking", "ja", "nee",
  "misschien", "yes", "1", "2", "999999999999", "home", "help", "onbekend",
];

function randomText(rand: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) parts.push(pick(rand, rand() < 0.5 ? words : hostile));
  return parts.join(rand() < 0.8 ? " " : "\n");
}

/** Known people speak the language stored for them (the demo has only Alex in English); strangers their Teams language. */
const languageOf = (key: TeamsUserKey, teamsLocale: string): Locale => (key === "englishSpeaker" || (key === "stranger" && teamsLocale.startsWith("en")) ? "en" : "nl");

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });
console.info(`teams-fuzz seed ${SEED} (replay with TEAMS_FUZZ_SEED=${SEED})`);

describeEachDatabase("Teams fuzz: hostile messages and tampered card actions", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const ask = (activity: Json) => askTeams(app.url, connector, activity);
  const channel: Where = { kind: "channel" };
  const inThread = (c: ConnectorCall) => c.conversationId.startsWith("19:");

  async function expectNothingInvalidStored() {
    for (const r of await use().prisma.placementReport.findMany()) {
      expect(Number.isInteger(r.realised) && r.realised >= 0 && r.realised < 1e6).toBe(true);
      expect((r.remark ?? "").length).toBeLessThanOrEqual(MAX_REMARK_LENGTH);
      expect(r.remark ?? "").not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
  }

  /** What must not change when nothing is allowed: the counted tables and the rows a forged input could alter. */
  async function state() {
    const p = use().prisma;
    return {
      counts: await snapshotCounts(use()),
      subgroups: await p.subgroup.count(),
      employers: await p.employer.findMany({ orderBy: { name: "asc" }, omit: { createdAt: true } }),
      people: await p.person.findMany({ orderBy: { email: "asc" }, select: { name: true, email: true, role: true, locale: true, erasedAt: true, employerId: true } }),
      events: await p.event.findMany({ orderBy: { number: "asc" }, select: { number: true, status: true, revision: true, title: true, capacity: true } }),
    };
  }

  /** Links each person's Teams account (first use), outside what a test measures. */
  async function link(...keys: TeamsUserKey[]) {
    for (const key of keys) expect((await ask(message(connector, teamsUser(key), "help"))).status).toBe(200);
  }

  it("answers 160 random and hostile messages from members, coordinators and strangers, in Dutch and English, helpfully, privately and without injection", async () => {
    const rand = prng(SEED);
    const keys: TeamsUserKey[] = ["bakeryHr", "englishSpeaker", "coordinator", "stranger", "logisticsHr"];
    const all: ConnectorCall[] = [];
    for (let i = 0; i < 160; i++) {
      const key = keys[i % keys.length]!;
      const teamsLocale = rand() < 0.5 ? "nl-NL" : "en-US";
      const where = rand() < 0.3 ? channel : { kind: "personal" as const };
      const text = randomText(rand);
      const answer = await ask(message(connector, teamsUser(key), text, where, teamsLocale));
      const context = `#${i} seed ${SEED}: ${answer.input}`;
      expectHelpfulTeamsAnswer({ ...answer, input: context }, languageOf(key, teamsLocale), text);
      // Private: in a channel only a coordinator's event form opens in the thread, and a form
      // with someone's data leaves a note there; everything else goes to the personal chat.
      for (const call of answer.sent.filter(inThread)) {
        const data = cardOf(call)?.actions?.[0]?.data;
        const note = readableText(call) === translator(languageOf(key, teamsLocale))("teams.form.sentPrivately");
        expect(note || (key === "coordinator" && data?.formId === "event"), context).toBe(true);
      }
      all.push(...answer.sent);
    }
    expectNoInjection(all);
    await expectNothingInvalidStored();
  });

  it("stores nothing for hostile numbers, answers and names and for refused commands, in either language", async () => {
    const db = use();
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    await link("bakeryHr", "englishSpeaker", "coordinator");
    const before = await state();

    const sent: Array<[TeamsUserKey, string, string?]> = [];
    for (const x of hostile) {
      sent.push(
        ["bakeryHr", `rsvp ${x} ja`],
        ["englishSpeaker", `rsvp ${event.number} ${x}`],
        // "-0" reads as 0, a valid report of nothing yet: not hostile for these commands.
        ...(x === "-0" ? [] : ([["bakeryHr", `rapporteer ${x} ambitie ${x}`], ["englishSpeaker", `report 1 ambition ${x}`]] as Array<[TeamsUserKey, string]>)),
        ["bakeryHr", `lid ${x}`],
        ["bakeryHr", `profiel ${x}`],
        ["coordinator", `event annuleer ${x}`],
        ["coordinator", `event wijzig ${x} ${x}`],
        ["coordinator", `deelnemers ${x}`],
        ["coordinator", `deelnemers ${event.number} verwijder ${x}`],
      );
    }
    // Coordinator-only commands from members, someone else's data, and anything from a stranger.
    sent.push(
      ["bakeryHr", `event annuleer ${event.number}`],
      ["bakeryHr", `deelnemers ${event.number} verwijder Mo Yilmaz`],
      ["bakeryHr", "subgroep nieuw <at>Iedereen</at> | hoi"],
      ["bakeryHr", "herinner nu"],
      ["bakeryHr", "campagne pauze"],
      ["englishSpeaker", "status"],
      ["englishSpeaker", "export"],
      ["englishSpeaker", "erase data Joost"],
      ["englishSpeaker", "person"],
      ["stranger", `rsvp ${event.number} yes`, "en-US"],
      ["stranger", "report 3 ambition 10", "en-US"],
      ["stranger", "rapporteer 3 ambitie 10", "nl-NL"],
      ["stranger", "lid kenniskring", "nl-NL"],
      ["stranger", "taal en", "nl-NL"],
    );
    const all: ConnectorCall[] = [];
    for (const [i, [key, text, teamsLocale = "nl-NL"]] of sent.entries()) {
      const answer = await ask(message(connector, teamsUser(key), text, { kind: "personal" }, teamsLocale));
      expectHelpfulTeamsAnswer({ ...answer, input: `#${i} ${answer.input}` }, languageOf(key, teamsLocale), text);
      all.push(...answer.sent);
    }

    expect(await state()).toEqual(before);
    expectNoInjection(all);
  });
  it("answers tampered, forged and unknown card actions with a card or message in the person's language, and stores nothing", async () => {
    const p = use().prisma;
    await link("bakeryHr", "bakeryDirector", "englishSpeaker", "coordinator");
    // Cards as the bot rendered them, to tamper with: what each submit button carries.
    const formOf = async (key: TeamsUserKey, text: string) => {
      const answer = await ask(message(connector, teamsUser(key), text));
      return cardOf(answer.sent.at(-1)).actions[0].data as Json;
    };
    const reportForm = await formOf("bakeryHr", "rapporteer");
    const englishReportForm = await formOf("englishSpeaker", "report");
    const profileForm = await formOf("bakeryHr", "profiel bewerk");
    const eventForm = await formOf("coordinator", "event nieuw");
    const addPersonForm = await formOf("coordinator", "persoon");
    const subgroupForm = await formOf("coordinator", "subgroep nieuw");
    // Cancelling asks first (issue 14): the coordinator presses the card's confirm button.
    const asked = await ask(message(connector, teamsUser("coordinator"), "event annuleer 2"));
    const confirmCard = cardOf(asked.sent.at(-1));
    const confirm = (confirmCard.body as Json[]).flatMap((e) => e.actions ?? []).concat(confirmCard.actions ?? []).find((a: Json) => a.title === translator("nl")("events.cancel.button"));
    await ask(cardAction(connector, teamsUser("coordinator"), confirm.data, "confirm-card"));
    const [open, cancelled] = await p.event.findMany({ orderBy: { number: "asc" } });
    expect(cancelled!.status).toBe("CANCELLED");
    const personId = async (key: TeamsUserKey) => (await p.person.findFirstOrThrow({ where: { email: teamsUser(key).email } })).id;
    const employerId = async (name: string) => (await p.employer.findFirstOrThrow({ where: { name } })).id;
    const logistics = await employerId("Hengelo Logistiek BV");
    const bakery = await employerId("Bakkerij De Korenschoof");
    const before = await state();

    const nl = translator("nl");
    const en = translator("en");
    const button = (action: string, value: unknown) => ({ verb: "netwerk.action", action, value });
    const rsvp = (eventId: string, response = "YES") => button("event.rsvp", JSON.stringify({ eventId, response }));
    const goodEvent = {
      in_kind: "PRAKTIJKTAFEL",
      in_title: "Geen echte bijeenkomst",
      in_location: "Enschede",
      in_startsAt_date: "2026-12-15",
      in_startsAt_time: "15:00",
      in_endsAt_date: "2026-12-15",
      in_endsAt_time: "17:00",
      in_subgroupId: "network",
    };
    const goodProfile = {
      in_branche: "Voeding",
      in_sizeBand: "SMALL",
      in_location: "Hengelo",
      in_region: "Twente",
      in_inclusionMaturity: "5",
      in_ambition: "999",
    };
    const withField = (form: Json, id: string) => ({ ...form, form: { ...form.form, fields: [...form.form.fields, { id, kind: "text", label: "x", required: false }] } });
    /** carried: the card was rendered for someone else, in their language; only the answer on it must be in ours. */
    type Case = { who: TeamsUserKey; data?: unknown; value?: unknown; teamsLocale?: string; shows?: string | RegExp; carried?: boolean };
    const cases: Case[] = [
      // Not ours, or not what we rendered.
      { who: "bakeryHr", data: { verb: "evil" }, shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: {}, shows: nl("chat.unknownAction") },
      { who: "bakeryHr", value: { action: { type: "Action.Execute", verb: "netwerk.action" } }, shows: nl("chat.unknownAction") },
      { who: "bakeryHr", value: "junk", shows: nl("chat.unknownAction") },
      { who: "bakeryHr", value: { action: { type: "Action.Execute", data: [1, 2, 3] } }, shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: button("nope", "x"), shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: button("event.rsvp", 42), shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: button("event.rsvp", { eventId: open!.id, response: "YES" }), shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: button("event.rsvp", "x".repeat(3_999)), shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: button("event.rsvp", "x".repeat(50_000)), shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: rsvp(open!.id, "ALWAYS"), shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: button("event.ics", JSON.stringify({ eventId: "<at>x</at>" })), shows: nl("events.gone") },
      // Events that do not exist, are cancelled, or are for a subgroup the person is not in.
      { who: "bakeryHr", data: rsvp("c".repeat(25)), shows: nl("events.gone") },
      { who: "bakeryHr", data: rsvp(cancelled!.id), shows: nl("events.gone") },
      { who: "bakeryDirector", data: rsvp(cancelled!.id, "MAYBE"), shows: /geannuleerd/ },
      { who: "coordinator", data: rsvp(cancelled!.id) , shows: /geannuleerd/ },
      // Someone else's person, employer or coordinator's work.
      { who: "bakeryHr", data: button("members.erase.confirm", await personId("logisticsHr")), shows: nl("members.onlyOwnData") },
      { who: "bakeryHr", data: button("members.erase.confirm", await personId("coordinator")), shows: nl("members.onlyOwnData") },
      { who: "bakeryHr", data: button("members.profile.edit", logistics), shows: nl("members.profile.otherEmployer") },
      { who: "bakeryHr", data: button("campaign.remind", "now"), shows: nl("chat.coordinatorOnly", { command: "herinner" }) },
      { who: "bakeryHr", data: { ...profileForm, context: logistics, ...goodProfile }, shows: nl("members.profile.otherEmployer") },
      { who: "bakeryHr", data: { ...withField(reportForm, "employerId"), in_realised: "3", in_ambition: "12", in_employerId: logistics }, shows: nl("reporting.otherEmployer") },
      { who: "bakeryHr", data: { ...eventForm, ...goodEvent }, shows: nl("events.coordinatorOnly") },
      { who: "bakeryHr", data: { ...eventForm, context: open!.id, ...goodEvent }, shows: nl("events.coordinatorOnly") },
      { who: "bakeryHr", data: { ...addPersonForm, in_name: "Nep Coördinator", in_email: "nep@bakkerij-korenschoof.example", in_function: "HR", in_role: "COORDINATOR", in_reportingContact: "false" }, shows: nl("error.notAllowed") },
      { who: "bakeryHr", data: { ...subgroupForm, in_name: "Geheime club" }, shows: nl("error.notAllowed") },
      // Absurd, missing and non-string values in our own forms.
      { who: "bakeryHr", data: { ...reportForm, in_realised: 1e12, in_ambition: { $gt: 1 }, in_remark: ["a"] }, shows: nl("field.required") },
      { who: "bakeryHr", data: { ...reportForm, in_realised: "-1", in_ambition: "NaN", in_remark: "\u0000".repeat(10) + "x".repeat(100_000) }, shows: nl("field.negative") },
      { who: "bakeryHr", data: { ...reportForm, in_realised: "Infinity", in_ambition: "0x10" }, shows: nl("field.notANumber") },
      { who: "bakeryHr", data: { ...reportForm, form: { ...reportForm.form, fields: [{ id: "realised", kind: "evil", label: "x", required: true }] } }, shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: { ...reportForm, formId: "nope", in_realised: "1", in_ambition: "1" }, shows: nl("chat.unknownForm") },
      { who: "bakeryHr", data: { ...reportForm, formId: "x".repeat(101), in_realised: "1", in_ambition: "1" }, shows: nl("chat.unknownAction") },
      { who: "bakeryHr", data: { ...reportForm, context: "x".repeat(5_000), in_realised: "1", in_ambition: "1" }, shows: nl("chat.unknownAction") },
      { who: "coordinator", data: { ...eventForm, ...goodEvent, in_title: "x".repeat(100_000), in_capacity: "1e12", in_startsAt_date: "9999-99-99", in_kind: "EVIL", in_subgroupId: "nope" }, shows: nl("field.invalid") },
      { who: "coordinator", data: { ...eventForm, ...goodEvent, in_title: { a: 1 }, in_capacity: -5, in_startsAt_date: 12345, in_endsAt_time: true }, shows: nl("field.required") },
      { who: "coordinator", data: { ...eventForm, ...goodEvent, in_location: "", in_onlineUrl: "javascript:alert(1)" }, shows: nl("field.invalidUrl") },
      { who: "coordinator", data: { ...eventForm, ...goodEvent, context: cancelled!.id }, shows: /geannuleerd/ },
      { who: "coordinator", data: { ...eventForm, ...goodEvent, context: "c".repeat(25) }, shows: nl("events.form.badContext") },
      { who: "coordinator", data: { ...eventForm, ...goodEvent, context: "new:not-a-form-key" }, shows: nl("events.form.badContext") },
      // A card stripped of its fields still shows why the submit was refused.
      { who: "bakeryHr", data: { ...reportForm, form: { ...reportForm.form, fields: [] } }, shows: nl("field.required") },
      // In English, for the person who prefers it.
      { who: "englishSpeaker", data: rsvp("c".repeat(25)), shows: en("events.gone") },
      { who: "englishSpeaker", data: { ...withField(englishReportForm, "employerId"), in_realised: "3", in_ambition: "12", in_employerId: bakery }, shows: en("reporting.otherEmployer") },
      { who: "englishSpeaker", data: button("members.erase.confirm", await personId("bakeryHr")), shows: en("members.onlyOwnData") },
      // The coordinator's Dutch form, refused in English next to its Dutch labels.
      { who: "englishSpeaker", data: { ...eventForm, ...goodEvent }, shows: en("events.coordinatorOnly"), carried: true },
      { who: "englishSpeaker", data: { verb: "evil" }, shows: en("chat.unknownAction") },
      // Someone the bot cannot link, in their Teams language.
      { who: "stranger", teamsLocale: "en-US", data: rsvp(open!.id), shows: en("error.unknownPerson") },
      { who: "stranger", teamsLocale: "nl-NL", data: { ...reportForm, in_realised: "3", in_ambition: "12" }, shows: nl("error.unknownPerson") },
      { who: "stranger", teamsLocale: "en-US", data: { verb: "evil" }, shows: en("error.unknownPerson") },
    ];

    const answers: TeamsAnswer[] = [];
    for (const [i, c] of cases.entries()) {
      const teamsLocale = c.teamsLocale ?? "nl-NL";
      const pressed = cardAction(connector, teamsUser(c.who), (c.data ?? {}) as Json, `sent-${i}`);
      const activity = { ...pressed, locale: teamsLocale, ...("value" in c ? { value: c.value } : {}) };
      const answer = await ask(activity);
      const locale = languageOf(c.who, teamsLocale);
      const context = `case ${i} (${c.who}): ${answer.input}`;
      if (process.env.TEAMS_FUZZ_DEBUG) console.info(context, "\n  →", answer.body?.type, JSON.stringify(answer.texts).slice(0, 400));
      if (!c.carried) expectHelpfulTeamsAnswer({ ...answer, input: context }, locale);
      else expect([answer.status, answer.body?.statusCode]).toEqual([200, 200]);
      if (c.shows) expect(answer.texts.join("\n"), context).toMatch(c.shows);
      answers.push(answer);
    }

    expect(await state()).toEqual(before);
    expectNoInjection(answers.flatMap((a) => a.sent));
  });
});
