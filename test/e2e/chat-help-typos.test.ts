import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commands } from "../../src/chat/handlers.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { readableText, slashAndAnswer } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { askTeams } from "../support/teams-answers.js";
import { message, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

const nl = translator("nl");
const en = translator("en");

/** Every help line that only a coordinator may act on, in both languages. */
const coordinatorLines = commands.flatMap((c) => [
  ...(c.coordinatorOnly || c.listedForCoordinators ? [c.help] : []),
  ...(c.coordinatorHelp ? [c.coordinatorHelp] : []),
]);
const coordinatorWords = commands.filter((c) => c.coordinatorOnly).map((c) => c.name);

function expectMemberHelp(text: string, t = nl): void {
  expect(text).toContain(t("chat.help.title"));
  expect(text).toContain(t("chat.help.topic.reporting"));
  expect(text).toContain(t("chat.help.topic.events"));
  expect(text).not.toContain(t("chat.help.topic.admin"));
  for (const key of coordinatorLines) expect(text, key).not.toContain(t(key));
  // No line of the member's help starts with a command only coordinators may run.
  const starts = text.split("\n").filter((l) => l.startsWith("• ")).map((l) => l.slice(2).split(/[\s—|[]/)[0]);
  expect(starts.filter((w) => coordinatorWords.includes(w!))).toEqual([]);
  expect(text).not.toMatch(/co[öo]rdinator/i);
}

describeEachDatabase("help and forgiving commands through Slack", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
    await seedDemo(use());
  });
  afterEach(async () => {
    await h.close();
  });
  let n = 0;
  // Slack escapes <, > and & in mrkdwn; a person reads the characters.
  const say = async (user: string, text: string) =>
    readableText((await slashAndAnswer(h, user, text, `r${n++}`)).message ?? {}).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

  it("shows a member only what a member may do, grouped by task; a coordinator sees the managing commands too", async () => {
    const member = await say(slackUser.bakeryHr, "help");
    expectMemberHelp(member);
    expect(member).toContain(nl("events.help.rsvp"));
    const coordinator = await say(slackUser.coordinator, "help");
    expect(coordinator).toContain(nl("chat.help.topic.admin"));
    expect(coordinator).toContain(nl("events.help.event"));
    expect(coordinator).toContain(nl("subgroups.help.create"));
    expect(coordinator.split("\n").length).toBeGreaterThan(member.split("\n").length);
  });

  it("explains one command with examples, and keeps a coordinator's command from a member", async () => {
    const rsvp = await say(slackUser.bakeryHr, "help rsvp");
    expect(rsvp).toContain(nl("chat.help.command.title", { command: "rsvp" }));
    expect(rsvp).toContain("rsvp 3 ja");
    expect(rsvp).toContain(nl("chat.help.command.examples"));
    expect(await say(slackUser.bakeryHr, "help deelnemers")).toContain(nl("chat.coordinatorOnly", { command: "deelnemers" }));
    expect(await say(slackUser.coordinator, "help deelnemers")).toContain("deelnemers 3 verwijder Henk");
  });

  it("answers a typo with the command meant, an ambiguous start with the candidates, and nonsense with help", async () => {
    expect(await say(slackUser.bakeryHr, "rapoteer 3")).toContain(nl("chat.didYouMean", { command: "rapoteer", suggestion: "rapporteer" }));
    expect(await say(slackUser.bakeryHr, "agnda")).toContain(nl("chat.didYouMean", { command: "agnda", suggestion: "agenda" }));
    const several = await say(slackUser.bakeryHr, "subgr");
    expect(several).toContain("`subgroepen`");
    expect(several).toContain("`subgroep`");
    expect(await say(slackUser.bakeryHr, "xyzzy")).toContain(nl("chat.unknownCommand", { command: "xyzzy" }));
    // A member is never pointed at a coordinator's command: "deelnemrs" is no suggestion for them.
    expect(await say(slackUser.bakeryHr, "deelnemrs 1")).not.toContain("deelnemers");
    expect(await say(slackUser.coordinator, "deelnemrs 1")).toContain(nl("chat.didYouMean", { command: "deelnemrs", suggestion: "deelnemers" }));
  });

  it("says what is wrong with the quarter instead of \"Deze waarde is ongeldig.\"", async () => {
    const answer = await say(slackUser.coordinator, "status Q1 1999");
    expect(answer).toContain(nl("field.year"));
    expect(answer).not.toContain(nl("field.invalid"));
  });

  it("keeps the old command words working after the glossary renamed them", async () => {
    expect(await say(slackUser.bakeryHr, "events")).toContain(nl("events.list.title"));
    expect(await say(slackUser.bakeryHr, "agenda")).toContain(nl("events.list.title"));
    expect(await say(slackUser.bakeryHr, "snooze morgen")).toContain("Goed, ik stuur je tot");
    expect(await say(slackUser.bakeryHr, "uitstellen tot 15-12-2026")).toContain("Goed, ik stuur je tot");
    expect(await say(slackUser.coordinator, "event opblazen")).toContain(nl("events.usage.event"));
  });
});

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("help and forgiving commands through Teams", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const say = async (user: string, text: string, locale?: string) =>
    (await askTeams(app.url, connector, message(connector, teamsUser(user as never), text, { kind: "personal" }, locale))).texts.join("\n");

  it("shows a member no coordinator command, in Dutch and in English", async () => {
    expectMemberHelp(await say("bakeryHr", "help"));
    expectMemberHelp(await say("englishSpeaker", "help"), en);
    expect(await say("coordinator", "help")).toContain(nl("events.help.attendees"));
  });

  it("suggests the command meant by a typo, in the person's language", async () => {
    expect(await say("bakeryHr", "rapporter")).toContain(nl("chat.didYouMean", { command: "rapporter", suggestion: "rapporteer" }));
    expect(await say("englishSpeaker", "reprt")).toContain(en("chat.didYouMean", { command: "reprt", suggestion: "report" }));
  });
});

describe("command suggestions", () => {
  it("has a help topic for every command", async () => {
    const { topicOf } = await import("../../src/chat/help.js");
    expect(commands.map((c) => c.name).filter((name) => !(name in topicOf))).toEqual([]);
  });
});
