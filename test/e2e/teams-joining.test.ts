import { expect, it, vi } from "vitest";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { snapshotCounts } from "../support/fixtures.js";
import { cardAction, cardOf, cardText, installed, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import type { RosterMember } from "../support/fake-bot-connector.js";
import { teamsAppPerTest } from "../support/test-app.js";

const nl = translator("nl");
const en = translator("en");

// Priya works at a new employer; her tenant's roster vouches for her address (UPN in the same domain).
const priya: RosterMember = { id: "29:priya", aadObjectId: "aad-priya", name: "Priya", email: "priya@drukkerij-oost.example", userPrincipalName: "priya@drukkerij-oost.example" };
const connector = await fakeBotConnectorForFile({ members: [...teamsRoster(), priya] });

describeEachDatabase("Teams: a tenant bound to no network", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);
  // The demo network no longer serves the test tenant (as after `npm run admin -- unbind`).
  const unbind = () => use().prisma.workspaceBinding.deleteMany({ where: { platform: "TEAMS" } });

  it("answers a member and a stranger alike with the explanation, in their language, and looks up or changes nothing", async () => {
    await unbind();
    const before = await snapshotCounts(use());

    expect((await post(message(connector, teamsUser("bakeryHr"), "rapporteer 3 ambitie 12"))).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("joining.unbound"));
    expect((await post(message(connector, teamsUser("stranger"), "aanmelden", { kind: "personal" }, "en-GB"))).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(en("joining.unbound"));

    expect(connector.calls.filter((c) => c.method === "GET" && c.path.includes("/members/"))).toHaveLength(0);
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("gives the explanation for a card button, and when the app is added to a personal chat", async () => {
    await unbind();
    const pressed = await post(cardAction(connector, teamsUser("coordinator"), { verb: "netwerk.action", action: "report.open", value: "" }, "old-card"));
    expect(pressed.status).toBe(200);
    expect(JSON.stringify(pressed.body)).toContain(nl("joining.unbound"));

    await post(installed(connector, teamsUser("coordinator"), { kind: "personal" }));
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("joining.unbound"));
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });
});

type Json = Record<string, any>;

describeEachDatabase("Teams: joining the network, screened by a coordinator", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);
  const lastCard = () => cardOf(connector.sent().at(-1));
  // Rows are due from the database's now() (the app's clock is fixed in November): deliver by the wall clock.
  const deliver = () => new OutboxWorker({ db: use().prisma, now: () => new Date(), senders: [app.teams!.sender] }).drain();
  const executes = (card: Json): Json[] => {
    const found: Json[] = [];
    const walk = (node: any) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) return node.forEach(walk);
      if (node.type === "Action.Execute") found.push(node);
      for (const [key, value] of Object.entries(node)) if (key !== "fallback") walk(value);
    };
    walk(card);
    return found;
  };
  const submitData = (card: Json, inputs: Record<string, unknown>) => ({ ...executes(card).find((a) => a.verb === "form.submit")!.data, ...inputs });
  const cardsTo = (user: RosterMember) => connector.sent().filter((c) => c.conversationId === `a:personal-${user.aadObjectId}`);

  async function priyaAsks() {
    // Sanne has talked to the bot in her personal chat: her notices go there.
    await post(message(connector, teamsUser("coordinator"), "help"));
    expect((await post(message(connector, priya, "status"))).status).toBe(200);
    const offer = lastCard();
    expect(cardText(offer)).toContain(nl("error.unknownPerson"));
    expect(executes(offer).map((a) => a.data.action)).toContain("joining.start");

    const pressed = await post(cardAction(connector, priya, executes(offer).find((a) => a.data.action === "joining.start")!.data, "offer-card"));
    expect(pressed.status).toBe(200);
    const form = lastCard();
    expect(cardText(form)).toContain(nl("joining.form.title"));
    const sent = await post(cardAction(connector, priya, submitData(form, { in_name: "Priya Sharma", in_employer: "Drukkerij Oost", in_function: "HR", in_branche: "Grafisch", in_sizeBand: "SMALL", in_location: "Enschede", in_region: "Twente" }), "form-card"));
    expect(sent.status).toBe(200);
    expect(cardText(sent.body.value)).toContain("Je aanmelding bij 99vanDemo (Twente, fictief) is verstuurd");

    await deliver();
    const request = cardOf(cardsTo(teamsUser("coordinator")).at(-1));
    expect(cardText(request)).toContain("Priya Sharma (priya@drukkerij-oost.example), HR, bij Drukkerij Oost");
    return request;
  }

  it("offers to join, takes the card form, and a coordinator's Accept makes the applicant a member who is told so", async () => {
    const request = await priyaAsks();
    const accept = executes(request).find((a) => a.data.action === "joining.accept")!;

    const decided = await post(cardAction(connector, teamsUser("coordinator"), accept.data, "request-card"));

    expect(decided.status).toBe(200);
    expect(cardText(decided.body.value)).toBe(nl("joining.accepted", { name: "Priya Sharma", network: "99vanDemo (Twente, fictief)" }));
    expect(await use().prisma.person.findFirstOrThrow({ where: { email: priya.email! }, select: { employer: { select: { name: true } } } })).toEqual({ employer: { name: "Drukkerij Oost" } });
    await post(message(connector, priya, "help"));
    expect(cardText(lastCard())).toContain("Wat ik voor je kan doen");
    await deliver();
    await vi.waitFor(() => expect(cardsTo(priya).map((c) => cardText(cardOf(c))).join("\n")).toContain("Je aanmelding bij 99vanDemo (Twente, fictief) is geaccepteerd"));
  });

  it("refuses a member who presses Accept, and sends the applicant the coordinator's reason", async () => {
    const request = await priyaAsks();
    const accept = executes(request).find((a) => a.data.action === "joining.accept")!;
    const refuse = executes(request).find((a) => a.data.action === "joining.refuse")!;

    const byMember = await post(cardAction(connector, teamsUser("bakeryHr"), accept.data, "request-card"));
    expect(JSON.stringify(byMember.body)).toContain(nl("joining.coordinatorsOnly"));
    expect(await use().prisma.joinRequest.findFirstOrThrow()).toMatchObject({ status: "PENDING" });

    await post(cardAction(connector, teamsUser("coordinator"), refuse.data, "request-card"));
    const form = lastCard();
    expect(cardText(form)).toContain(nl("joining.refuse.title"));
    const refused = await post(cardAction(connector, teamsUser("coordinator"), submitData(form, { in_reason: "Drukkerij Oost doet nog niet mee." }), "refuse-form"));
    expect(cardText(refused.body.value)).toContain("De aanmelding van Priya Sharma is geweigerd");

    await deliver();
    await vi.waitFor(() =>
      expect(cardsTo(priya).map((c) => cardText(cardOf(c)))).toContain("Je aanmelding bij 99vanDemo (Twente, fictief) is niet geaccepteerd. De coördinator schrijft: Drukkerij Oost doet nog niet mee."),
    );
    const again = await post(cardAction(connector, teamsUser("coordinator"), accept.data, "request-card"));
    expect(JSON.stringify(again.body)).toContain("is al geweigerd door Sanne Coördinator");
    expect(await use().prisma.person.count({ where: { email: priya.email! } })).toBe(0);
  });
});
