import express from "express";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { actorForPerson } from "../../src/core/members/actor-lookup.js";
import type { Database } from "../../src/db/database.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { createLogger } from "../../src/logger.js";
import type { MountedEmail } from "../../src/platforms/email/mount.js";
import { createSlackSender } from "../../src/platforms/slack/sender.js";
import { saveConversation } from "../../src/platforms/teams/conversations.js";
import { mountTeams } from "../../src/platforms/teams/mount.js";
import { visibleText } from "../support/chat-text.js";
import { describeEachDatabase } from "../support/databases.js";
import { emailWorker, mountTestEmail } from "../support/email-channel.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { depsFor, seedDemo, type DemoPersonKey } from "../support/fixtures.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";

const OPEN = new Date("2026-10-01T07:00:00Z");
const TENANT = "tenant-mixed";
const connector = await fakeBotConnectorForFile();

let smtp: TestSmtpServer;
let slack: FakeSlackApi;
let email: MountedEmail | undefined;
beforeEach(async () => {
  smtp = await startSmtpServer();
  slack = await startFakeSlackApi();
});
afterEach(async () => {
  await email?.stop();
  email = undefined;
  await smtp.close();
  await slack.close();
});

const say = (effects: ChatEffect[]) => effects.map((e) => (e.type === "reply" ? visibleText(e.message) : "")).join("\n");

async function linkToSlack(db: Database, key: DemoPersonKey, userId: string) {
  const person = await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails[key] }, select: { id: true } });
  await db.prisma.platformIdentity.create({ data: { personId: person.id, platform: "SLACK", tenantId: "T0001", externalUserId: userId } });
}

/** A Teams user with a personal chat with the bot, as teams/conversations.ts stores it on their first message. */
async function linkToTeams(db: Database, key: "careBuyer" | "englishSpeaker" | "henk", aad: string) {
  const address = key === "henk" ? HENK : demoEmails[key];
  const person = await db.prisma.person.findFirstOrThrow({ where: { email: address }, select: { id: true, name: true } });
  await db.prisma.platformIdentity.create({ data: { personId: person.id, platform: "TEAMS", tenantId: TENANT, externalUserId: aad } });
  await saveConversation(db.prisma, {
    conversationId: `a:${aad}`,
    tenantId: TENANT,
    aadObjectId: aad,
    kind: "personal",
    reference: {
      serviceUrl: connector.url,
      channelId: "msteams",
      conversation: { id: `a:${aad}`, conversationType: "personal", tenantId: TENANT, isGroup: false, name: "" },
      bot: { id: "28:netwerkbot", name: "Netwerkbot" },
      user: { id: `29:${aad}`, name: person.name, aadObjectId: aad },
    },
  });
}

const HENK = "henk.mvo@metaalwerken-almelo.example";

describeEachDatabase("e-mail: who gets it", (use) => {
  it("kanaal: a person chooses e-mail, Slack or automatic, in Dutch and English, and is refused a channel that cannot reach them", async () => {
    const db = use();
    const { actor } = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
    await linkToSlack(db, "bakeryHr", "UJOOST");
    const joost = chatContext(depsFor(db, OPEN), await actor("bakeryHr"), "SLACK");
    expect(say(await handleText(joost, "kanaal"))).toContain("automatisch");
    expect(say(await handleText(joost, "kanaal e-mail"))).toBe("Prima, vanaf nu krijg je mijn berichten via e-mail.");
    expect((await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.bakeryHr } })).channel).toBe("EMAIL");
    expect(say(await handleText(joost, "kanaal teams"))).toBe("Je bent nog niet gekoppeld aan Teams. Stuur me daar eerst een bericht.");
    expect(say(await handleText(joost, "kanaal fax"))).toContain("Kies slack, teams, e-mail of automatisch.");
    expect((await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.bakeryHr } })).channel).toBe("EMAIL"); // refusals changed nothing
    expect(say(await handleText(joost, "kanaal slack"))).toBe("Prima, vanaf nu krijg je mijn berichten via Slack.");

    const alex = chatContext(depsFor(db, OPEN), await actor("englishSpeaker"), "WEB");
    const alexActor = alex.actor;
    expect(say(await handleText(alex, "channel email"))).toBe("Fine, from now on you get my messages via e-mail.");
    expect(say(await handleText(alex, "kanaal automatic"))).toContain("Fine, I will choose");
    await db.prisma.person.updateMany({ where: { email: demoEmails.englishSpeaker }, data: { email: null } });
    const noAddress = chatContext(depsFor(db, OPEN), alexActor, "WEB");
    expect(say(await handleText(noAddress, "kanaal e-mail"))).toBe("I have no e-mail address for you. Ask your network coordinator to add it.");
  });

  it("a quarter with Slack, Teams and e-mail-only contacts: exactly one prompt each, on their own channel, and the chosen channel wins over the link", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
    await db.prisma.network.update({ where: { id: networkId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
    await linkToSlack(db, "bakeryHr", "UJOOST");
    await linkToSlack(db, "logisticsHr", "UMO");
    await linkToSlack(db, "bakeryDirector", "UELS");
    await linkToTeams(db, "careBuyer", "aad-fleur");
    await linkToTeams(db, "englishSpeaker", "aad-alex");
    await linkToTeams(db, "henk", "aad-henk");
    // Els is in Slack and Henk in Teams, but both want the bot's messages by e-mail.
    await handleText(chatContext(depsFor(db, OPEN), await actor("bakeryDirector"), "SLACK"), "kanaal e-mail");
    const henk = await db.prisma.person.findFirstOrThrow({ where: { email: HENK }, select: { id: true } });
    await handleText(chatContext(depsFor(db, OPEN), (await actorForPerson(db.prisma, henk.id))!, "TEAMS"), "kanaal e-mail");

    await runDueCampaigns(db.prisma, OPEN, "test");
    // The same moment run again (another instance, a restart) queues nothing new.
    await runDueCampaigns(db.prisma, OPEN, "test");
    email = mountTestEmail(db, smtp.url, () => OPEN);
    const slackSender = createSlackSender({ apiUrl: slack.url, tokenForTeam: async () => "xoxb-test" });
    const teamsSender = mountTeams(express(), { env: loadConfig({}).env, demoMode: false, deps: depsFor(db), logger: createLogger("silent"), baseUrl: () => "http://localhost" }).sender;
    const teamsBefore = connector.sent().length;
    await emailWorker(db, email, () => OPEN, [slackSender, teamsSender]).drain();

    const prompts = await db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt" }, select: { personId: true, platform: true, status: true } });
    const contacts = await db.prisma.person.findMany({ where: { reportingContact: true }, select: { id: true, email: true } });
    expect(prompts).toHaveLength(contacts.length);
    expect(new Set(prompts.map((p) => p.personId)).size).toBe(contacts.length);
    expect(prompts.every((p) => p.status === "SENT")).toBe(true);

    const slackDms = slack.callsTo("chat.postMessage").map((c) => (c.body as { channel: string }).channel).sort();
    expect(slackDms).toEqual(["DUJOOST", "DUMO"]);
    const teamsChats = connector.sent().slice(teamsBefore).map((c) => `${c.method} ${c.conversationId}`).sort();
    expect(teamsChats).toEqual(["POST a:aad-alex", "POST a:aad-fleur"]);
    const mailed = smtp.countsByRecipient();
    const onChat = new Set<string>([demoEmails.bakeryHr, demoEmails.logisticsHr, demoEmails.careBuyer, demoEmails.englishSpeaker]);
    for (const c of contacts) expect(mailed.get(c.email!.toLowerCase()), c.email!).toBe(onChat.has(c.email!) ? undefined : 1);
    expect(mailed.get(demoEmails.bakeryDirector)).toBe(1);
    expect(mailed.get(HENK)).toBe(1);
    const platformOf = (address: string) => prompts.find((p) => p.personId === contacts.find((c) => c.email === address)!.id)!.platform;
    expect([demoEmails.bakeryHr, demoEmails.careBuyer, demoEmails.bakeryDirector, HENK, "ayla.hr@twentestad.example"].map(platformOf)).toEqual(["SLACK", "TEAMS", "EMAIL", "EMAIL", "EMAIL"]);
  });
});
