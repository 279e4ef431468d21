import { expect, it } from "vitest";
import { demoEmails } from "../../src/demo/demo-data.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile, type RosterMember } from "../support/fake-bot-connector.js";
import { cardOf, cardText, message, postActivity } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

const nl = translator("nl");

/** Roster entries as another tenant's admin could set them up. */
const member = (key: string, fields: Pick<RosterMember, "email" | "userPrincipalName">): RosterMember => ({
  id: `29:${key}`,
  aadObjectId: `aad-${key}`,
  name: key,
  ...fields,
});

const roster = {
  // mail set to the coordinator's address, but the tenant's own (verified) domain in the UPN.
  spoofer: member("spoofer", { email: demoEmails.coordinator, userPrincipalName: "mallory@elders.example" }),
  // A guest: the UPN is minted by the inviting tenant, the address belongs to another one.
  guest: member("guest", { email: demoEmails.coordinator, userPrincipalName: "sanne.coordinator_example.nl#EXT#@tenant.onmicrosoft.com" }),
  // Joost with a mail alias in his own company's domain.
  alias: member("alias", { email: demoEmails.bakeryHr, userPrincipalName: "j.bakker@bakkerij-korenschoof.example" }),
  // No mail attribute at all: the UPN is the address.
  upnOnly: member("upnOnly", { userPrincipalName: demoEmails.logisticsHr }),
};

const connector = await fakeBotConnectorForFile({ members: Object.values(roster) });

describeEachDatabase("Teams identity: only an address the user's tenant vouches for links a person", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const say = async (user: RosterMember, text: string) => {
    expect((await postActivity(app.url, message(connector, user, text))).status).toBe(200);
    return cardText(cardOf(connector.sent().at(-1)));
  };
  const linkedPerson = async (user: RosterMember) =>
    (await use().prisma.platformIdentity.findFirst({ where: { externalUserId: user.aadObjectId }, select: { person: { select: { email: true } } } }))?.person.email;

  it("does not link someone whose mail attribute names a person but whose tenant does not own that domain", async () => {
    expect(await say(roster.spoofer, "status")).toContain(nl("error.unknownPerson"));
    expect(await linkedPerson(roster.spoofer)).toBeUndefined();
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });

  it("does not link a guest by the address of their home tenant", async () => {
    expect(await say(roster.guest, "help")).toContain(nl("error.unknownPerson"));
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });

  it("links by a mail address in the same domain as the user principal name", async () => {
    expect(await say(roster.alias, "rapportages")).toContain("Bakkerij De Korenschoof");
    expect(await linkedPerson(roster.alias)).toBe(demoEmails.bakeryHr);
  });

  it("links by the user principal name when the roster has no mail address", async () => {
    expect(await say(roster.upnOnly, "rapportages")).toContain("Hengelo Logistiek");
    expect(await linkedPerson(roster.upnOnly)).toBe(demoEmails.logisticsHr);
  });
});
