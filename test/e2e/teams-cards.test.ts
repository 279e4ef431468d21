import { describe, expect, it } from "vitest";
import type { ChatMessage, Form } from "../../src/chat/message.js";
import { formCard, messageCard } from "../../src/platforms/teams/cards.js";
import { formValues } from "../../src/platforms/teams/form-inputs.js";
import { commandText } from "../../src/platforms/teams/handlers.js";
import { translator } from "../../src/i18n/index.js";

describe("Teams Adaptive Card renderer", () => {
  it("stays under Teams' message size by dropping trailing content but keeps the buttons", () => {
    const message: ChatMessage = {
      summary: "Groot",
      blocks: [
        { type: "header", text: "Groot" },
        ...Array.from({ length: 40 }, (_, i) => ({ type: "text" as const, text: `${i} ${"x".repeat(5_000)}` })),
        { type: "actions", buttons: [{ action: "report.open", label: "Rapporteren", value: "" }] },
      ],
    };
    const card = messageCard(message);
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
    expect(card.body[0]).toMatchObject({ type: "RichTextBlock" });
    expect(card.body.at(-1)).toMatchObject({ type: "ActionSet" });
    // Each text is capped too.
    expect(JSON.stringify(card.body[1]).length).toBeLessThan(3_200);
  });

  it("renders buttons as Action.Execute with an Action.Submit fallback, and links as Action.OpenUrl", () => {
    const card = messageCard({
      summary: "x",
      blocks: [{ type: "actions", buttons: [{ action: "event.rsvp", label: "Ja", value: '{"eventId":"e1"}', style: "primary" }, { action: "x", label: "Open", value: "", url: "https://example.nl" }] }],
    });
    const [execute, open] = (card.body[0] as any).actions;
    expect(execute).toMatchObject({ type: "Action.Execute", verb: "netwerk.action", style: "positive", data: { action: "event.rsvp", value: '{"eventId":"e1"}' }, fallback: { type: "Action.Submit" } });
    expect(open).toEqual({ type: "Action.OpenUrl", title: "Open", url: "https://example.nl" });
    expect(card.version).toBe("1.5");
  });

  it("round-trips date and time inputs as local Amsterdam time", () => {
    const form: Form = { id: "event", title: "Nieuw", submitLabel: "Opslaan", fields: [{ id: "startsAt", kind: "datetime", label: "Begin", required: true, initial: "2026-12-15T14:00:00.000Z" }] };
    const card = formCard(form, translator("nl"));
    expect(card.body.filter((e) => e.type === "Input.Date" || e.type === "Input.Time").map((e) => e.value)).toEqual(["2026-12-15", "15:00"]);
    expect(formValues(form, { in_startsAt_date: "2026-12-15", in_startsAt_time: "15:00" })).toEqual({ startsAt: "2026-12-15T15:00" });
    expect(formValues(form, { in_startsAt_date: { $gt: "" } })).toEqual({ startsAt: "" });
  });

  it("reads only the form's own inputs, never other keys of the card data", () => {
    const form: Form = { id: "report", title: "R", submitLabel: "S", fields: [{ id: "realised", kind: "number", label: "Aantal", required: true }] };
    expect(formValues(form, { in_realised: 3, in_employerId: "other", employerId: "other", verb: "form.submit" })).toEqual({ realised: "3" });
  });

  it("takes the command words out of Teams message markup", () => {
    expect(commandText("<at>Netwerkbot</at>&nbsp;rapporteer 3")).toBe("rapporteer 3");
    expect(commandText("/events")).toBe("events");
    expect(commandText("zoek <at>Piet Jansen</at>")).toBe("zoek Piet Jansen");
  });
});
