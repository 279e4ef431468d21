import { expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleFormSubmit, handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { chatFor, depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { visibleText } from "../support/chat-text.js";

const replies = (effects: ChatEffect[]) => effects.flatMap((e) => (e.type === "reply" ? [visibleText(e.message)] : []));

describeEachDatabase("errors say what is wrong with that field", (use) => {
  async function coordinator(locale?: "en") {
    const db = use();
    const { actor } = await seedDemo(db);
    const ctx = chatContext(chatFor(depsFor(db)), await actor("coordinator"), "SLACK");
    return { db, ctx: locale ? { ...ctx, locale, t: translator(locale) } : ctx };
  }

  it("answers a bad event number about the evenementnummer, never about an aantal", async () => {
    const { db, ctx } = await coordinator();
    const before = await snapshotCounts(db);
    for (const text of ["ics -1", "ics abc", "deelnemers -1", "evenement wijzig 0", "evenement annuleer x", "evenement plekken -1 4"]) {
      const [answer] = replies(await handleText(ctx, text));
      expect(answer, text).toBe("Dat klopt niet helemaal. Een evenementnummer is een heel getal vanaf 1, zoals 3. Typ agenda voor de nummers.");
      expect(answer).not.toMatch(/aantal|getal in\./i);
    }
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("says what is wrong with a quarter: the year's range, or the quarter itself", async () => {
    const { ctx } = await coordinator();
    expect(replies(await handleText(ctx, "status Q1 1999"))).toEqual(["Dat klopt niet helemaal. Kies een jaar van 2000 tot en met 2100, bijvoorbeeld Q3 2026."]);
    for (const text of ["status Q5 2026", "status 2026"]) {
      expect(replies(await handleText(ctx, text))).toEqual(["Dat kwartaal ken ik niet: typ status voor dit kwartaal, of een kwartaal en jaar zoals status Q3 2026 (Q1 tot en met Q4)."]);
    }
    const en = await coordinator("en");
    expect(replies(await handleText(en.ctx, "status Q5 2026"))).toEqual(["I don't know that quarter: type status for this quarter, or a quarter and year such as status Q3 2026 (Q1 to Q4)."]);
  });

  it("puts an unknown employer under the employer field of the person form, not under the name", async () => {
    const { db, ctx } = await coordinator();
    const before = await snapshotCounts(db);
    const effects = await handleFormSubmit(ctx, "members.addPerson", { name: "Piet de Vries", email: "piet@example.nl", employer: "Onbekend BV", function: "HR", role: "MEMBER", reportingContact: "false" }, undefined);
    expect(effects).toEqual([{ type: "formErrors", errors: { employer: 'Ik ken geen werkgever "Onbekend BV" in jouw netwerk.' } }]);
    expect(await snapshotCounts(db)).toEqual(before);
  });
});
