import { expect, it } from "vitest";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { translator } from "../../src/i18n/index.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { chatFor, depsFor, seedDemo, type DemoPersonKey } from "../support/fixtures.js";
import { visibleText } from "../support/chat-text.js";

const openDay = new Date("2026-10-01T07:00:00Z"); // Q4 opens: Thu 1 Oct 09:00 CEST
const monday = new Date("2026-10-05T10:00:00Z");
const dutchMoment = /\d{2}-\d{2}-\d{4} \d{2}:\d{2}/;

async function setup(db: Database) {
  const demo = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
  await db.prisma.network.update({ where: { id: demo.networkId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
  const run = async (who: DemoPersonKey, text: string, now: Date, locale?: "en") => {
    const actor = await demo.actor(who);
    const ctx = chatContext(chatFor(depsFor(db, now)), locale ? { ...actor, locale } : actor, "WEB");
    return handleText(locale ? { ...ctx, locale, t: translator(locale) } : ctx, text);
  };
  const say = async (who: DemoPersonKey, text: string, now: Date, locale?: "en") => (await run(who, text, now, locale)).map(textOf).join("\n");
  return { ...demo, run, say };
}

const textOf = (e: ChatEffect) => ("message" in e ? visibleText(e.message) : "");

describeEachDatabase("herinner and campagne show the real state", (use) => {
  it("herinner says how many a round reaches now, and after a round today: nobody, with why", async () => {
    const db = use();
    const { say, run } = await setup(db);
    await runDueCampaigns(db.prisma, openDay, "test");

    const before = await say("coordinator", "herinner", monday);
    expect(before).toContain("De campagne loopt.");
    expect(before).toContain("Rapporteren over Q4 2026 kan tot 01-01-2027 00:00.");
    expect(before).toContain("7 contactpersonen van werkgevers die nog niet rapporteerden.");
    expect(before).toContain("Dit kwartaal is er nog geen herinneringsronde geweest.");
    expect(before).toContain("Nu versturen gaat naar 7 contactpersonen.");
    expect(before).toContain("[Nu versturen]");

    expect(await say("coordinator", "herinner nu", monday)).toContain("7 contactpersonen");
    const after = await run("coordinator", "herinner", new Date("2026-10-05T11:00:00Z"));
    const text = after.map(textOf).join("\n");
    expect(text).toMatch(new RegExp(`Laatste herinneringsronde: ${dutchMoment.source}, naar 7 contactpersonen \\(0 verstuurd\\)\\.`));
    expect(text).toContain("Nu versturen gaat naar niemand. De ronde van vandaag ging al naar de 7 contactpersonen die nog niet rapporteerde; iemand krijgt hoogstens één ronde per dag. Morgen kan weer.");
    // Nothing to press when a press would reach nobody.
    expect(text).not.toContain("[Nu versturen]");

    // The next day the same people can be reminded again.
    expect(await say("coordinator", "herinner", new Date("2026-10-06T10:00:00Z"))).toContain("Nu versturen gaat naar 7 contactpersonen.");
    const english = await say("coordinator", "remind", new Date("2026-10-05T11:00:00Z"), "en");
    expect(english).toContain("Sending now goes to nobody. Today's round already went to the 7 contacts who have not reported");
    expect(english).toMatch(/Last reminder round: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, to 7 contacts \(0 sent\)\./);
  });

  it("herinner says the campaign is paused and that messages wait; and nobody when everyone reported", async () => {
    const db = use();
    const { say } = await setup(db);
    await say("coordinator", "campagne pauzeer", monday);
    const paused = await say("coordinator", "herinner", monday);
    expect(paused).toContain("De campagne staat stil: er gaan geen uitnodigingen of herinneringen uit tot je campagne hervat typt.");
    expect(paused).toContain("Omdat de campagne stilstaat, wachten deze berichten tot je campagne hervat typt.");

    await db.prisma.person.updateMany({ data: { reportingContact: false } });
    const none = await say("coordinator", "herinner", monday);
    expect(none).toContain("Nu versturen gaat naar niemand. Iedereen heeft gerapporteerd.");
  });

  it("campagne alone shows the state and the next moments the Dutch way, and refuses members", async () => {
    const db = use();
    const { say } = await setup(db);
    await runDueCampaigns(db.prisma, openDay, "test");
    const text = await say("coordinator", "campagne", monday);
    expect(text).toContain("Kwartaalcampagne Q4 2026 van 99vanDemo (Twente, fictief)");
    expect(text).toContain("De campagne loopt.");
    expect(text).toContain(
      [
        "Volgende momenten",
        "• 08-10-2026 09:00 — herinneringsronde 1 (Q4 2026)",
        "• 15-10-2026 09:00 — herinneringsronde 2 (Q4 2026)",
        "• 01-01-2027 00:00 — Q4 2026 sluit; de samenvatting gaat naar de coördinatoren",
        "• 04-01-2027 09:00 — uitnodiging om te rapporteren over Q1 2027",
      ].join("\n"),
    );
    const english = await say("coordinator", "campaign", monday, "en");
    expect(english).toContain("• 08/10/2026 09:00 — reminder round 1 (Q4 2026)");
    expect(await say("bakeryHr", "campagne", monday)).toContain("alleen voor netwerkcoördinatoren");
    expect(await say("coordinator", "campagne onzin", monday)).toContain("Gebruik: campagne (hoe de campagne ervoor staat)");
  });
});
