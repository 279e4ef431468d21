import { teamsAppPerTest } from "../support/test-app.js";
import { expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { readCsv } from "../support/export-files.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { snapshotCounts } from "../support/fixtures.js";
import { cardAction, cardOf, cardText, installed, message, postActivity, teamsRoster, teamsUser, channel, channelThread } from "../support/teams-activities.js";

const nl = translator("nl");
const en = translator("en");

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("Teams bot end to end", (use) => {
  const app = teamsAppPerTest(use, () => connector);

  const post = (activity: unknown) => postActivity(app.url, activity);
  const sentTo = (conversationId: string) => connector.sent().filter((c) => c.conversationId === conversationId);

  /** Opens the report form in Joost's personal chat and returns the card and its id. */
  async function openReportForm(user = teamsUser("bakeryHr")) {
    expect((await post(message(connector, user, "rapporteer"))).status).toBe(200);
    const call = connector.sent().at(-1)!;
    return { card: cardOf(call), id: call.body.id ?? "sent-x" };
  }

  function submitData(card: any, inputs: Record<string, unknown>) {
    const submit = card.actions.find((a: any) => a.type === "Action.Execute");
    return { ...submit.data, ...inputs };
  }

  it("links a Teams user by roster e-mail on first message and answers with the report form card", async () => {
    const joost = teamsUser("bakeryHr");
    const { card } = await openReportForm(joost);

    expect(card.version).toBe("1.5");
    expect(cardText(card)).toContain(nl("reporting.form.title", { quarter: "Q4 2026" }));
    const inputs = card.body.filter((e: any) => e.type.startsWith("Input."));
    expect(inputs.map((i: any) => [i.type, i.id, i.isRequired])).toEqual([
      ["Input.Number", "in_realised", true],
      ["Input.Number", "in_ambition", false],
      ["Input.Text", "in_remark", false],
    ]);
    expect(card.actions[0]).toMatchObject({ type: "Action.Execute", verb: "form.submit", fallback: { type: "Action.Submit" } });
    expect(inputs[0].errorMessage).toBe(nl("field.required"));
    const identity = await use().prisma.platformIdentity.findFirstOrThrow({ where: { platform: "TEAMS", externalUserId: joost.aadObjectId } });
    expect(identity.tenantId).toBe("tenant-99vandemo");
    const conversation = await use().prisma.teamsConversation.findFirstOrThrow({ where: { aadObjectId: joost.aadObjectId } });
    expect(conversation).toMatchObject({ kind: "personal", tenantId: "tenant-99vandemo" });
    expect((conversation.reference as any).serviceUrl).toBe(connector.url);
  });

  it("shows validation errors on the same card, keeps what was typed, and stores nothing", async () => {
    const joost = teamsUser("bakeryHr");
    const { card } = await openReportForm(joost);
    const before = await snapshotCounts(use());

    const response = await post(cardAction(connector, joost, submitData(card, { in_realised: "-1", in_ambition: "1000000000000", in_remark: "hoi" }), "sent-1"));

    expect(response.status).toBe(200);
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const text = cardText(response.body.value);
    expect(text).toContain(nl("field.negative"));
    expect(text).toContain("onwaarschijnlijk groot");
    expect(response.body.value.body.find((e: any) => e.id === "in_remark").value).toBe("hoi");
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("stores a submitted form and replaces the form by the confirmation", async () => {
    const joost = teamsUser("bakeryHr");
    const { card } = await openReportForm(joost);

    const response = await post(cardAction(connector, joost, submitData(card, { in_realised: "3", in_ambition: "12", in_remark: "**vet** <at>iedereen</at>" }), "sent-1"));

    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(response.body.value)).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 3, ambition: 12 }));
    const report = await use().prisma.placementReport.findFirstOrThrow({ where: { period: { year: 2026, quarter: 4 } }, include: { employer: true } });
    expect(report).toMatchObject({ realised: 3, employer: { ambition: 12 }, submittedVia: "TEAMS", remark: "**vet** <at>iedereen</at>" });
    // The confirmation sticks in the personal chat: the form message itself is replaced.
    expect(connector.sent().at(-1)).toMatchObject({ method: "PUT", activityId: "sent-1" });
  });

  it("refuses a form altered to report for another employer, and changes nothing", async () => {
    const joost = teamsUser("bakeryHr");
    const { card } = await openReportForm(joost);
    const mo = await use().prisma.person.findFirstOrThrow({ where: { email: teamsUser("logisticsHr").email }, select: { employerId: true } });
    const data = submitData(card, { in_realised: "3", in_ambition: "12", in_employerId: mo.employerId });
    data.form.fields.push({ id: "employerId", kind: "text", label: "x", required: false });
    const before = await snapshotCounts(use());

    const response = await post(cardAction(connector, joost, data, "sent-1"));

    expect(cardText(response.body.value)).toContain(nl("reporting.otherEmployer"));
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("answers an @mention in a channel privately, opening the personal chat when there is none yet", async () => {
    const joost = teamsUser("bakeryHr");
    await post(message(connector, joost, "rapporteer 3 ambitie 12", channel));

    const [open, reply] = connector.sent();
    expect(open).toMatchObject({ method: "POST", path: "/v3/conversations" });
    expect(open?.body.members).toEqual([expect.objectContaining({ id: joost.aadObjectId })]);
    expect(reply?.conversationId).toBe(open?.conversationId);
    expect(cardText(cardOf(reply))).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 3, ambition: 12 }));
    expect(await use().prisma.teamsConversation.findFirst({ where: { aadObjectId: joost.aadObjectId, kind: "personal" } })).toMatchObject({ conversationId: open?.conversationId });

    // The next time the stored personal chat is used; nothing ever went to the channel.
    await post(message(connector, joost, "rapporteer 4 ambitie 12", channel));
    expect(connector.sent().map((c) => c.conversationId)).toEqual([open?.conversationId, open?.conversationId, open?.conversationId]);
    expect(connector.sent().some((c) => c.conversationId.startsWith("19:"))).toBe(false);
    const report = await use().prisma.placementReport.findFirstOrThrow({ where: { period: { year: 2026, quarter: 4 }, employer: { name: "Bakkerij De Korenschoof" } } });
    expect(report).toMatchObject({ realised: 4, version: 2 });
  });

  it("when Teams refuses a personal chat, replies in the thread but never posts an export there", async () => {
    connector.failCreate(2, 403);
    await post(message(connector, teamsUser("coordinator"), "export", channel));

    const inThread = connector.sent().filter((c) => c.conversationId.startsWith("19:general"));
    expect(inThread.map((c) => cardText(cardOf(c)))).toEqual([expect.stringContaining("Hier is de export"), nl("teams.file.personalOnly")]);
    expect(JSON.stringify(inThread)).not.toContain("/api/teams/files/");
  });

  it("stores conversation references on install, in personal chat and in a channel, and greets", async () => {
    const coordinator = teamsUser("coordinator");
    await post(installed(connector, coordinator, { kind: "personal" }));
    await post(installed(connector, coordinator, channel));

    const rows = await use().prisma.teamsConversation.findMany({ orderBy: { kind: "asc" } });
    expect(rows.map((r) => [r.kind, r.aadObjectId])).toEqual([
      ["channel", null],
      ["personal", coordinator.aadObjectId],
    ]);
    const personal = sentTo("a:personal-aad-coordinator");
    expect(personal).toHaveLength(2);
    expect(cardText(cardOf(personal[0]))).toContain(nl("home.title", { name: "Sanne Coördinator" }));
    expect(cardText(cardOf(personal[1]))).toContain(nl("chat.help.title"));
    expect(cardText(cardOf(sentTo(channelThread)[0]))).toContain(nl("teams.welcome.title"));
  });

  it("forgets a conversation reference when the bot is removed, so the outbox stops trying", async () => {
    const joost = teamsUser("bakeryHr");
    await post(installed(connector, joost, { kind: "personal" }));
    expect(await use().prisma.teamsConversation.count()).toBe(1);

    const removed = { ...installed(connector, joost, { kind: "personal" }), membersAdded: undefined, membersRemoved: [{ id: "28:netwerkbot" }] };
    expect((await post(removed)).status).toBe(200);

    expect(await use().prisma.teamsConversation.count()).toBe(0);
  });

  it.each(["events", "rsvp", "subgroepen", "subgroep inclusief-inkopen", "zoek voeding", "home", "help"])("understands %s as on Slack", async (command) => {
    await post(message(connector, teamsUser("careBuyer"), command, channel));
    const answer = cardText(cardOf(connector.sent().at(-1)));
    expect(answer.length).toBeGreaterThan(10);
    expect(answer).not.toContain(nl("chat.unknownCommand", { command: command.split(" ")[0]! }));
    expect(answer).not.toContain(nl("error.unexpected"));
  });

  it("keeps coordinator commands from members and shows the network status to coordinators", async () => {
    await post(message(connector, teamsUser("bakeryHr"), "status"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("chat.coordinatorOnly", { command: "status" }));

    await post(message(connector, teamsUser("coordinator"), "status"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(nl("reporting.status.responseRate"));
  });

  it("gives coordinators the export as a short-lived download link, served by the bot", async () => {
    await post(message(connector, teamsUser("coordinator"), "export"));
    const fileCard = cardOf(connector.sent().at(-1));
    const link = fileCard.body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.type === "Action.OpenUrl");
    expect(link.url).toMatch(/^http:\/\/bot\.example\/api\/teams\/files\/[\w-]{43}\/rapportages-2026-11-25\.csv$/);

    const download = await fetch(link.url.replace("http://bot.example", app.url));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await download.arrayBuffer());
    // Issue 16.3: the UTF-8 byte-order mark the dashboard's exports have, so Excel reads ö and ë.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(bytes)[0]!.slice(0, 3)).toEqual(["Netwerk", "Kwartaal", "Werkgever"]);
    expect((await fetch(`${app.url}/api/teams/files/guessed-token/x.csv`)).status).toBe(404);
  });

  it("speaks English to people who prefer it", async () => {
    const alex = teamsUser("englishSpeaker");
    await post(message(connector, alex, "rapporteer"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(en("reporting.form.title", { quarter: "Q4 2026" }));
    await post(message(connector, alex, "fly me to the moon"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(en("chat.unknownCommand", { command: "fly" }));
  });

  it("tells an unknown person how to get linked, in their Teams language, and links nobody", async () => {
    await post(message(connector, teamsUser("stranger"), "help", { kind: "personal" }, "en-US"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(en("error.unknownPerson"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(en("joining.button.join")); // a bound tenant: the offer to join
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });

  it.each([
    ["a huge message", "rapporteer " + "9".repeat(5_000)],
    ["absurd numbers", "rapporteer 1e12 ambitie 5"],
    ["negative numbers", "rapporteer -4 ambitie 5"],
    ["control characters", "rapporteer \u0000\u0007 ambitie \u001b[31m"],
  ])("answers %s helpfully and changes nothing", async (_name, text) => {
    const joost = teamsUser("bakeryHr");
    await post(message(connector, joost, "help"));
    const before = await snapshotCounts(use());

    const response = await post(message(connector, joost, text));

    expect(response.status).toBe(200);
    const answer = cardText(cardOf(connector.sent().at(-1)));
    expect(answer.length).toBeGreaterThan(10);
    expect(answer).not.toContain(nl("error.unexpected"));
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("shows markdown in user text literally instead of formatting it", async () => {
    const joost = teamsUser("bakeryHr");
    await post(message(connector, joost, "**[klik hier](http://evil.example)** _x_"));
    const card = cardOf(connector.sent().at(-1));
    const runs = JSON.stringify(card);
    expect(runs).toContain("**[klik");
    expect(JSON.stringify(card.body)).not.toContain('"type":"TextBlock"');
  });

  it("answers an unknown or forged card action with a friendly message", async () => {
    const joost = teamsUser("bakeryHr");
    const response = await post(cardAction(connector, joost, { verb: "netwerk.action", action: "nope", value: "x" }, "sent-9"));
    expect(response.status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("chat.unknownAction"));
    // The invoke's own answer (what Teams shows the presser at once) says the same, not "done".
    expect(response.body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: nl("chat.unknownAction") });
    const refused = await post(cardAction(connector, joost, { verb: "netwerk.action", action: "campaign.remind", value: "now" }, "sent-9"));
    expect(refused.body.value).toBe(nl("chat.coordinatorOnly", { command: "herinner" }));
    const forged = await post(cardAction(connector, joost, { verb: "form.submit", formId: "report", form: { id: 1 } }, "sent-9"));
    expect(forged.status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("chat.unknownAction"));
  });

  it("accepts the Action.Submit fallback of older clients as a message with the card data", async () => {
    const joost = teamsUser("bakeryHr");
    const { card } = await openReportForm(joost);
    const fallback = { ...message(connector, joost, ""), text: undefined, replyToId: "sent-1", value: submitData(card, { in_realised: "2", in_ambition: "12" }) };

    expect((await post(fallback)).status).toBe(200);

    expect(connector.sent().at(-1)).toMatchObject({ method: "PUT", activityId: "sent-1" });
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 2, ambition: 12 }));
  });

  it("logs the unexpected in one place and apologises instead of failing silently", async () => {
    const joost = teamsUser("bakeryHr");
    await post(message(connector, joost, "help"));
    connector.failNext(1, 400);

    expect((await post(message(connector, joost, "rapportages"))).status).toBe(200);

    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("error.unexpected"));
  });
});
