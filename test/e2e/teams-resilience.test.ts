import { teamsAppPerTest } from "../support/test-app.js";
import { expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import {
  cardAction,
  cardOf,
  cardText,
  demoTeam,
  inChannel,
  installationUpdate,
  installed,
  message,
  postActivity,
  teamDeleted,
  teamInstalled,
  teamRemoved,
  teamsRoster,
  teamsUser,
  channel,
  channelThread,
} from "../support/teams-activities.js";

const nl = translator("nl");

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("Teams: what the person sees when Teams or the database refuses", (use) => {
  const app = teamsAppPerTest(use, () => connector);

  const post = (activity: unknown) => postActivity(app.url, activity);
  const joost = teamsUser("bakeryHr");
  const joostChat = `a:personal-${joost.aadObjectId}`;
  const submitData = (card: any, inputs: Record<string, unknown>) => ({ ...card.actions.find((a: any) => a.type === "Action.Execute").data, ...inputs });
  const reportsThisQuarter = () => use().prisma.placementReport.findMany({ where: { period: { year: 2026, quarter: 4 }, employer: { name: "Bakkerij De Korenschoof" } } });

  it("answers a report submit with the confirmation card when the form message cannot be replaced, and stores it once", async () => {
    await post(message(connector, joost, "rapporteer"));
    const form = cardOf(connector.sent().at(-1));
    connector.failConversation(joostChat, 404);

    const response = await post(cardAction(connector, joost, submitData(form, { in_realised: "3", in_ambition: "12" }), "sent-1"));

    expect(response.status).toBe(200);
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(response.body.value)).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 3, ambition: 12 }));
    expect(connector.refused).toEqual([expect.objectContaining({ method: "PUT", conversationId: joostChat, activityId: "sent-1", status: 404 })]);
    const reports = await reportsThisQuarter();
    expect(reports.map((r) => [r.realised, r.version])).toEqual([[3, 1]]);
  });

  it("stores an RSVP in a channel, answers the invoke with the refreshed card and confirms privately when Teams refuses to update the pressed copy", async () => {
    const coordinator = teamsUser("coordinator");
    await post(message(connector, coordinator, "event nieuw", channel));
    const eventForm = cardOf(connector.sent().at(-1));
    const title = "Praktijktafel zorg";
    const inputs = {
      in_kind: "PRAKTIJKTAFEL",
      in_title: title,
      in_location: "Hengelo",
      in_startsAt_date: "2026-12-15",
      in_startsAt_time: "15:00",
      in_endsAt_date: "2026-12-15",
      in_endsAt_time: "17:00",
      in_capacity: "5",
      in_subgroupId: "network",
    };
    await post(cardAction(connector, coordinator, submitData(eventForm, inputs), "form-card", channel));
    const announcement = await use().prisma.eventAnnouncement.findFirstOrThrow({ where: { event: { title } } });
    const posted = connector.sent().find((c) => c.method === "POST" && c.conversationId === channelThread && cardText(cardOf(c)).includes(title))!;
    const yes = cardOf(posted)
      .body.flatMap((e: any) => e.actions ?? [])
      .find((a: any) => a.title === nl("events.button.yes"));
    await post(installed(connector, joost, { kind: "personal" }));
    connector.reset();
    connector.failConversation(channelThread, 403);

    const response = await post(cardAction(connector, joost, yes.data, announcement.platformMessageId, channel));

    expect(response.status).toBe(200);
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(response.body.value)).toContain(nl("events.places.capacity", { attending: 1, capacity: 5, waitlisted: 0 }));
    expect(connector.refused).toEqual([expect.objectContaining({ method: "PUT", conversationId: channelThread, activityId: announcement.platformMessageId, status: 403 })]);
    const told = connector.sent().filter((c) => c.conversationId === joostChat).map((c) => cardText(cardOf(c)));
    expect(told).toEqual([nl("events.reply.yes", { title })]);
    expect(await use().prisma.rsvp.count({ where: { eventId: announcement.eventId, response: "YES" } })).toBe(1);
  });

  it("still answers installs, messages and card actions when the conversation reference cannot be stored", async () => {
    // A database-level refusal, as a full disk or a lost connection would give on this table only.
    await use().prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_teams_conversation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    await use().prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_teams_conversation BEFORE INSERT OR UPDATE ON "TeamsConversation" FOR EACH ROW EXECUTE FUNCTION refuse_teams_conversation()`);
    try {
      expect((await post(installed(connector, joost, { kind: "personal" }))).status).toBe(200);
      expect(cardText(cardOf(connector.sent()[1]))).toContain(nl("chat.help.title"));

      expect((await post(message(connector, joost, "rapporteer"))).status).toBe(200);
      const form = cardOf(connector.sent().at(-1));
      expect(form.body.some((e: any) => e.id === "in_realised")).toBe(true);

      const response = await post(cardAction(connector, joost, submitData(form, { in_realised: "2", in_ambition: "12" }), "form-1"));
      expect(response.status).toBe(200);
      expect(cardText(response.body.value)).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 2, ambition: 12 }));
      expect(await reportsThisQuarter()).toHaveLength(1);
      expect(await use().prisma.teamsConversation.count()).toBe(0);
    } finally {
      await use().prisma.$executeRawUnsafe(`DROP TRIGGER refuse_teams_conversation ON "TeamsConversation"`);
      await use().prisma.$executeRawUnsafe(`DROP FUNCTION refuse_teams_conversation()`);
    }
    // The reference was never marked as stored: the next message stores it.
    await post(message(connector, joost, "help"));
    expect(await use().prisma.teamsConversation.count({ where: { conversationId: joostChat } })).toBe(1);
  });
});

describeEachDatabase("Teams: forms with private data asked for in a channel", (use) => {
  const app = teamsAppPerTest(use, () => connector);

  const post = (activity: unknown) => postActivity(app.url, activity);
  const joost = teamsUser("bakeryHr");
  const inThread = () => connector.sent().filter((c) => c.conversationId.startsWith("19:"));
  const inputsOf = (card: any) => (card?.body ?? []).filter((e: any) => typeof e.type === "string" && e.type.startsWith("Input."));

  it.each([
    ["profiel bewerk", "in_branche", ["Voeding", "begeleiding op de werkvloer"]],
    ["rapporteer", "in_ambition", []],
  ])("opens %s in the personal chat and only says so in the channel", async (command, field, privateTexts) => {
    await post(message(connector, joost, command, channel));

    const [open, form] = connector.sent().filter((c) => !c.conversationId.startsWith("19:"));
    expect(open).toMatchObject({ method: "POST", path: "/v3/conversations" });
    expect(form?.conversationId).toBe(open?.conversationId);
    const inputs = inputsOf(cardOf(form));
    expect(inputs.map((i: any) => i.id)).toContain(field);
    const shown = JSON.stringify(cardOf(form));
    for (const text of privateTexts) expect(shown).toContain(text);

    expect(inThread().map((c) => cardText(cardOf(c)))).toEqual([nl("teams.form.sentPrivately")]);
    const channelJson = JSON.stringify(inThread());
    expect(channelJson).not.toContain("Input.");
    for (const text of privateTexts) expect(channelJson).not.toContain(text);
  });

  it("the report form submitted from the personal chat is stored as usual", async () => {
    await post(message(connector, joost, "rapporteer", channel));
    const form = connector.sent().find((c) => inputsOf(cardOf(c)).length > 0)!;
    const data = { ...cardOf(form).actions[0].data, in_realised: "4", in_ambition: "12" };

    const response = await post(cardAction(connector, joost, data, "form-1", { kind: "personal", id: form.conversationId }));

    expect(cardText(response.body.value)).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 4, ambition: 12 }));
  });

  it("when Teams refuses the personal chat, shows no form in the channel but says where to ask", async () => {
    connector.failCreate(1, 403);

    await post(message(connector, joost, "profiel bewerk", channel));

    expect(connector.sent().map((c) => cardText(cardOf(c)))).toEqual([nl("teams.form.personalOnly")]);
    expect(JSON.stringify(connector.sent())).not.toContain("Voeding");
  });

  it("keeps the event form in the channel, where the event is announced", async () => {
    await post(message(connector, teamsUser("coordinator"), "event nieuw", channel));

    expect(connector.sent().map((c) => c.conversationId)).toEqual([channelThread]);
    expect(inputsOf(cardOf(connector.sent()[0])).length).toBeGreaterThan(3);
  });
});

describeEachDatabase("Teams: removing the bot from a team forgets all of the team's conversations", (use) => {
  const app = teamsAppPerTest(use, () => connector);

  const post = (activity: unknown) => postActivity(app.url, activity);
  const coordinator = teamsUser("coordinator");
  const joost = teamsUser("bakeryHr");
  const team = "19:netwerk_twente@thread.tacv2";
  const general = inChannel(team, undefined, team);
  const threadInGeneral = inChannel(team, "1700000000001", team);
  const threadInOther = inChannel("19:werkgevers@thread.tacv2", "1700000000002", team);
  const stored = async () => (await use().prisma.teamsConversation.findMany({ orderBy: { conversationId: "asc" } })).map((r) => r.conversationId);

  /** The bot installed in the team, used in two channels' threads, personal chats opened; and another team's channel. */
  async function teamInUse() {
    await post(installed(connector, joost, { kind: "personal" }));
    await post(message(connector, coordinator, "help"));
    await post(teamInstalled(connector, coordinator, team));
    await post(message(connector, joost, "help", threadInGeneral));
    await post(message(connector, coordinator, "events", threadInOther));
    await post(teamInstalled(connector, coordinator, demoTeam));
    // Stored before the team was recorded; in another team whose id differs only where ours has "_".
    await use().prisma.teamsConversation.createMany({
      data: [
        { conversationId: `${team};messageid=legacy`, tenantId: "tenant-99vandemo", kind: "channel", reference: {} },
        { conversationId: "19:netwerkXtwente@thread.tacv2;messageid=3", tenantId: "tenant-99vandemo", kind: "channel", reference: {} },
      ],
    });
    const rows = await use().prisma.teamsConversation.findMany({ where: { teamId: team }, orderBy: { conversationId: "asc" } });
    expect(rows.map((r) => r.conversationId)).toEqual([team, threadInGeneral.id, threadInOther.id].sort());
  }

  const kept = [demoTeam, "19:netwerkXtwente@thread.tacv2;messageid=3", `a:personal-${coordinator.aadObjectId}`, `a:personal-${joost.aadObjectId}`];

  it.each([
    ["membersRemoved with the bot", () => teamRemoved(connector, coordinator, team)],
    ["installationUpdate remove", () => installationUpdate(connector, coordinator, "remove", general)],
    ["teamDeleted", () => teamDeleted(connector, coordinator, team)],
  ])("after %s only other teams and personal chats remain", async (_name, removal) => {
    await teamInUse();
    const personal = await use().prisma.teamsConversation.count({ where: { kind: "personal" } });
    expect(personal).toBe(2);

    expect((await post(removal())).status).toBe(200);

    expect(await stored()).toEqual([...kept].sort());
    // Back in the team: a thread the process had seen before is stored again.
    await post(teamInstalled(connector, coordinator, team));
    await post(message(connector, coordinator, "events", threadInOther));
    expect(await stored()).toEqual([...kept, team, threadInOther.id].sort());
  });

  it("installationUpdate remove in a personal chat forgets only that chat", async () => {
    await teamInUse();

    await post(installationUpdate(connector, joost, "remove", { kind: "personal" }));

    expect(await stored()).toEqual(
      [team, threadInGeneral.id, threadInOther.id, `${team};messageid=legacy`, ...kept.filter((id) => id !== `a:personal-${joost.aadObjectId}`)].sort(),
    );
  });
});
