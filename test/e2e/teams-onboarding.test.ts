import express from "express";
import { expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { setConditionText } from "../../src/core/conditions/condition-text.js";
import { addPerson } from "../../src/core/members/add-person.js";
import { createEmployer } from "../../src/core/members/create-employer.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { translator } from "../../src/i18n/index.js";
import { createLogger } from "../../src/logger.js";
import { mountTeams } from "../../src/platforms/teams/mount.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile, type RosterMember } from "../support/fake-bot-connector.js";
import { depsFor } from "../support/fixtures.js";
import { snapshotAll } from "../support/members-fixtures.js";
import { cardAction, cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

type Json = Record<string, any>;

const nl = translator("nl");
const rikEmail = "rik@hofvantwente.example";
const rik: RosterMember = { id: "29:rik", aadObjectId: "aad-rik", name: "Rik Hof", email: rikEmail, userPrincipalName: rikEmail };
const conditionText = "Wij tekenen het convenant van het netwerk en maken werk van inclusief werkgeverschap.";

const connector = await fakeBotConnectorForFile({ members: [...teamsRoster(), rik] });

describeEachDatabase("Teams: the welcome, the directory listing and the membership condition", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);
  // The outbox's Teams port as the app builds it; it sends into the personal chats the app stored.
  const deliver = () => {
    const sender = mountTeams(express(), { env: loadConfig({}).env, demoMode: false, deps: depsFor(use()), logger: createLogger("silent"), baseUrl: () => "http://localhost" }).sender;
    // Real clock: rows are due from the database's now(), not the fixture date.
    return new OutboxWorker({ db: use().prisma, now: () => new Date(), senders: [sender] }).drain();
  };
  async function say(user: RosterMember, text: string): Promise<Json> {
    expect((await post(message(connector, user, text))).status).toBe(200);
    return cardOf(connector.sent().at(-1));
  }
  const buttonsOf = (card: Json): Json[] => card.body.flatMap((e: Json) => (e.type === "ActionSet" ? e.actions : [])).map((b: Json) => b.data);

  /** The demo network with a convenant; Rik of a new employer is put on file by the coordinator. */
  async function newPersonInConditionNetwork() {
    const db = use();
    const network = await db.prisma.network.update({ where: { slug: "99vandemo" }, data: { membershipCondition: "CONVENANT" }, select: { id: true } });
    const sanne = await db.prisma.person.findFirstOrThrow({ where: { networkId: network.id, role: "COORDINATOR" }, select: { id: true, name: true } });
    const actor = { personId: sanne.id, name: sanne.name, networkId: network.id, employerId: null, role: "COORDINATOR" as const, locale: "nl" as const };
    const text = await setConditionText(depsFor(db), actor, { text: conditionText });
    if (!text.ok) throw new Error(text.error.key);
    await createEmployer(depsFor(db), actor, { name: "Drukkerij Hof van Twente", branche: "Grafisch", sizeBand: "SMALL", location: "Goor", region: "Twente" });
    const added = await addPerson(depsFor(db), actor, { name: "Rik Hof", email: rikEmail, employer: "Drukkerij Hof van Twente" });
    if (!added.ok) throw new Error(added.error.key);
    return { db, personId: added.value.personId, textId: text.value.id };
  }

  it("welcomes a new person once in their personal chat, and the listing and confirm buttons work there", async () => {
    const { db, personId, textId } = await newPersonInConditionNetwork();

    await say(rik, "help");
    await say(rik, "help");
    const before = connector.sent().length;
    await deliver();

    const welcomes = connector.sent().slice(before).filter((c) => cardText(cardOf(c)).includes(nl("welcome.title", { name: "Rik Hof" })));
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]!.conversationId).toBe(`a:personal-${rik.aadObjectId}`);
    const card = cardOf(welcomes[0]);
    expect(cardText(card)).toContain(nl("welcome.profile", { employer: "Drukkerij Hof van Twente" }));
    expect(cardText(card)).toContain(nl("welcome.reportOther", { employer: "Drukkerij Hof van Twente" }));
    expect(cardText(card)).toContain(conditionText);
    const buttons = buttonsOf(card);
    expect(buttons.map((b) => b.action)).toEqual(["members.profile.edit", "directory.listing.set", "directory.listing.set", "directory.listing.set", "conditions.confirm"]);

    await post(cardAction(connector, rik, buttons.find((b) => b.value === "NAME_FUNCTION")!, welcomes[0]!.activityId ?? "welcome"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(nl("directory.listing.set", { listing: nl("directory.listing.NAME_FUNCTION") }));
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { directoryListing: true } })).toEqual({ directoryListing: "NAME_FUNCTION" });

    await post(cardAction(connector, rik, buttons.find((b) => b.action === "conditions.confirm")!, welcomes[0]!.activityId ?? "welcome"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(nl("conditions.confirmed", { employer: "Drukkerij Hof van Twente", version: 1, condition: "convenant" }));
    expect(await db.prisma.membershipConfirmation.findMany({ select: { textId: true, confirmedById: true } })).toEqual([{ textId, confirmedById: personId }]);

    const employer = await say(teamsUser("coordinator"), "werkgever hof van twente");
    expect(cardText(employer)).toContain(nl("conditions.state.met", { date: "25 november 2026" }));
    expect(cardText(employer)).toContain("door Rik Hof");
  });

  it("refuses a member who tries to change the condition text, and answers 'vermelding' with the choice", async () => {
    const { db } = await newPersonInConditionNetwork();
    const member = teamsUser("bakeryHr");
    await say(member, "help");
    const before = await snapshotAll(db);

    expect(cardText(await say(member, "voorwaarde tekst Wij beloven niets."))).toBe(nl("conditions.text.coordinatorOnly"));
    expect(cardText(await say(member, "voorwaarde wijzig"))).toBe(nl("conditions.text.coordinatorOnly"));
    expect(await snapshotAll(db)).toEqual(before);
    expect(await db.prisma.membershipConditionText.findMany({ select: { version: true, text: true } })).toEqual([{ version: 1, text: conditionText }]);

    const listing = await say(member, "vermelding");
    expect(cardText(listing)).toContain(nl("directory.listing.current", { listing: nl("directory.listing.NAME_FUNCTION_EMAIL") }));
    expect(buttonsOf(listing).map((b) => b.value)).toEqual(["NAME_FUNCTION_EMAIL", "NAME_FUNCTION", "HIDDEN"]);
    expect(cardText(await say(member, "vermelding verborgen"))).toBe(nl("directory.listing.set", { listing: nl("directory.listing.HIDDEN") }));
    expect(cardText(await say(teamsUser("logisticsHr"), "zoek joost"))).not.toContain("Joost Bakker");
  });
});
