import { expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleAction, handleText } from "../../src/chat/conversation.js";
import type { Button, ChatEffect } from "../../src/chat/message.js";
import { parseMove } from "../../src/chat/members/people.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, type DemoPersonKey, chatFor } from "../support/fixtures.js";
import { visibleText } from "../support/chat-text.js";
import { snapshotAll } from "../support/members-fixtures.js";

const nl = translator("nl");
const en = translator("en");

const visible = (effect: ChatEffect | undefined) => (effect && "message" in effect ? visibleText(effect.message) : "");
const buttons = (effect: ChatEffect | undefined): Button[] =>
  effect && "message" in effect ? effect.message.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : [])) : [];

it("reads who and where from persoon verplaats", () => {
  expect(parseMove("joost@bakkerij.example Hengelo Logistiek")).toEqual({ person: "joost@bakkerij.example", employer: "Hengelo Logistiek" });
  expect(parseMove("joost@bakkerij.example naar Hengelo")).toEqual({ person: "joost@bakkerij.example", employer: "Hengelo" });
  expect(parseMove("Joost Bakker naar Hengelo Logistiek")).toEqual({ person: "Joost Bakker", employer: "Hengelo Logistiek" });
  expect(parseMove("Joost Bakker to Hengelo")).toEqual({ person: "Joost Bakker", employer: "Hengelo" });
  expect(parseMove("Joost Bakker Hengelo")).toBeNull();
  expect(parseMove("joost@bakkerij.example")).toBeNull();
});

describeEachDatabase("employers and people in chat", (use) => {
  async function as(key: DemoPersonKey) {
    const db = use();
    const seeded = await seedDemo(db);
    return { db, ctx: chatContext(chatFor(depsFor(db)), await seeded.actor(key), "WEB"), seeded };
  }

  it("moves a person by e-mail or by name, and explains how when it cannot tell", async () => {
    const { ctx, db } = await as("coordinator");

    const [byName] = await handleText(ctx, "persoon verplaats Joost naar hengelo");
    expect(visible(byName)).toBe(nl("members.person.moved", { name: "Joost Bakker", from: "Bakkerij De Korenschoof", to: "Hengelo Logistiek BV" }));
    const [byEmail] = await handleText(ctx, "persoon verplaats joost.hr@bakkerij-korenschoof.example Bakkerij De Korenschoof");
    expect(visible(byEmail)).toContain("naar Bakkerij De Korenschoof");
    const before = await snapshotAll(db);
    expect(visible((await handleText(ctx, "persoon verplaats Joost Hengelo"))[0])).toBe(nl("members.person.moveUsage"));
    expect(visible((await handleText(ctx, "persoon verplaats Joost naar Nergens"))[0])).toBe(nl("members.employerNotFound", { employer: "Nergens" }));
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("unlinks by command when one link fits, and shows the buttons when several do", async () => {
    const { ctx, db, seeded } = await as("coordinator");
    const joost = await seeded.actor("bakeryHr");
    await db.prisma.platformIdentity.createMany({
      data: [
        { personId: joost.personId, platform: "SLACK", tenantId: "T0001", externalUserId: "UJOOST" },
        { personId: joost.personId, platform: "TEAMS", tenantId: "tenant-1", externalUserId: "aad-joost" },
      ],
    });

    const [several] = await handleText(ctx, "persoon ontkoppel joost");
    expect(visible(several)).toContain(nl("members.person.unlinkWhich"));
    expect(buttons(several).filter((b) => b.action === "members.person.unlink").map((b) => b.label)).toEqual(["Ontkoppel Slack (T0001)", "Ontkoppel Microsoft Teams (tenant-1)"]);
    expect(await db.prisma.platformIdentity.count()).toBe(2);

    const [one] = await handleText(ctx, "persoon ontkoppel Joost Bakker teams");
    expect(visible(one)).toContain(nl("members.person.unlinked", { platform: "Microsoft Teams", name: "Joost Bakker" }));
    expect(await db.prisma.platformIdentity.findMany({ select: { platform: true } })).toEqual([{ platform: "SLACK" }]);
    expect(visible((await handleText(ctx, "persoon ontkoppel joost teams"))[0])).toContain(nl("members.person.noSuchLink"));
  });

  it("lists employers and people, archived ones apart", async () => {
    const { ctx } = await as("coordinator");
    const [all] = await handleText(ctx, "werkgevers");
    expect(visible(all)).toContain(nl("members.employers.title", { count: 6 }));
    expect(visible(all)).toContain("Bakkerij De Korenschoof — Voeding, Enschede · mensen: 2");

    const [asked] = await handleText(ctx, "werkgever archiveer metaal");
    const confirm = buttons(asked).find((b) => b.action === "members.employer.archive.confirm")!;
    await handleAction(ctx, confirm.action, confirm.value);
    expect(visible((await handleText(ctx, "werkgevers"))[0])).toContain(nl("members.employers.archivedHint", { count: 1 }));
    expect(visible((await handleText(ctx, "werkgevers gearchiveerd"))[0])).toContain("Metaalwerken Almelo");
    const [card] = await handleText(ctx, "werkgever metaal");
    expect(visible(card)).toContain(nl("members.employer.archivedNotice"));
    expect(buttons(card).map((b) => b.action)).toContain("members.employer.restore");

    const [people] = await handleText(ctx, "personen korenschoof");
    expect(visible(people)).toContain(nl("members.people.title", { count: 2 }));
    expect(visible(people)).toContain("Joost Bakker — HR, joost.hr@bakkerij-korenschoof.example · rapporteert (Bakkerij De Korenschoof)");
  });

  it("shows an employer's card with its people, and usage for what it cannot read", async () => {
    const { ctx } = await as("coordinator");
    const [card] = await handleText(ctx, "werkgever korenschoof");
    expect(visible(card)).toContain("Els Meel — Directie, els.directie@bakkerij-korenschoof.example · rapporteert");
    expect(buttons(card).map((b) => b.action)).toEqual(["members.profile.edit", "members.employer.archive.ask"]);
    expect(visible((await handleText(ctx, "werkgever"))[0])).toBe(nl("members.employer.usage"));
    expect(visible((await handleText(ctx, "persoon wijzig"))[0])).toBe(nl("members.person.usage"));
    expect(visible((await handleText(ctx, "werkgever twente"))[0])).toContain("Servicebedrijf Twentestad, Twente Tech Solutions");
  });

  it("speaks English to a coordinator who prefers it", async () => {
    const { ctx, db, seeded } = await as("coordinator");
    await db.prisma.person.update({ where: { id: ctx.actor.personId }, data: { locale: "en" } });
    const english = chatContext(chatFor(depsFor(db)), await seeded.actor("coordinator"), "WEB");
    expect(visible((await handleText(english, "employer archive korenschoof"))[0])).toContain(en("members.employer.archive.confirm", { name: "Bakkerij De Korenschoof" }));
    expect(visible((await handleText(english, "people yilmaz"))[0])).toContain(en("members.people.title", { count: 1 }));
  });
});
