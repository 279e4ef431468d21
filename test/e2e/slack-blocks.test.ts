import { describe, expect, it } from "vitest";
import type { Block } from "../../src/chat/message.js";
import { actionFromId, escapeText, LIMITS, messagePayload, renderBlocks } from "../../src/platforms/slack/blocks.js";
import { formView, submittedValues } from "../../src/platforms/slack/views.js";

describe("Block Kit renderer", () => {
  it("escapes &, < and > everywhere, so user text cannot mention or link", () => {
    const hostile = "<!channel> <@U123> <https://evil.example|klik> & co";
    const rendered = JSON.stringify(
      messagePayload({
        summary: hostile,
        blocks: [
          { type: "header", text: hostile },
          { type: "text", text: hostile },
          { type: "context", text: hostile },
          { type: "fields", fields: [{ label: hostile, value: hostile }] },
          { type: "actions", buttons: [{ action: "x", label: hostile, value: "v" }] },
        ],
      }),
    );
    expect(rendered).not.toMatch(/<[!@h]/);
    expect(rendered).toContain("&lt;!channel&gt; &lt;@U123&gt;");
    expect(rendered).toContain("&amp; co");
  });

  it("cuts text to Slack's limits with an ellipsis, counting the escaped length", () => {
    const long = "<".repeat(5000);
    const cut = escapeText(long, LIMITS.text);
    expect(cut.length).toBeLessThanOrEqual(LIMITS.text);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).toMatch(/^(&lt;)+…$/);
    const [section] = renderBlocks([{ type: "text", text: "é".repeat(10_000) }]);
    expect((section as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(LIMITS.text);
  });

  it("keeps messages within 50 blocks, 10 fields and 25 buttons, with unique action ids", () => {
    const many: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: "text" as const, text: `regel ${i}` }));
    const blocks = renderBlocks(many);
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "…" }] });

    const [fields] = renderBlocks([{ type: "fields", fields: Array.from({ length: 14 }, (_, i) => ({ label: `l${i}`, value: `v${i}` })) }]);
    expect((fields as { fields: unknown[] }).fields).toHaveLength(LIMITS.fields);

    const buttons = Array.from({ length: 30 }, () => ({ action: "event.rsvp", label: "Ja", value: "{}" }));
    const rendered = renderBlocks([{ type: "actions", buttons: buttons.slice(0, 3) }, { type: "actions", buttons }]);
    const ids = rendered.flatMap((b) => (b.elements as Array<{ action_id: string }>).map((e) => e.action_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect((rendered[1]!.elements as unknown[]).length).toBe(LIMITS.buttons);
    expect(ids.map(actionFromId).every((a) => a === "event.rsvp")).toBe(true);
  });

  it("renders link buttons as links and drops empty action and field blocks", () => {
    const blocks = renderBlocks([
      { type: "actions", buttons: [{ action: "dashboard.open", label: "Dashboard", value: "", url: "https://example.nl/d" }] },
      { type: "actions", buttons: [] },
      { type: "fields", fields: [] },
    ]);
    expect(blocks).toEqual([{ type: "actions", elements: [{ type: "button", action_id: "url#0", text: { type: "plain_text", text: "Dashboard", emoji: true }, url: "https://example.nl/d" }] }]);
  });
});

describe("Modal renderer", () => {
  const form = {
    id: "event",
    title: "Nieuwe bijeenkomst aankondigen in het netwerk",
    submitLabel: "Aankondigen",
    context: "evt_1",
    fields: [
      { id: "kind", kind: "select" as const, label: "Soort", required: true, initial: "MASTERCLASS", options: [{ value: "PRAKTIJKTAFEL", label: "Praktijktafel" }, { value: "MASTERCLASS", label: "Masterclass" }] },
      { id: "startsAt", kind: "datetime" as const, label: "Begint", required: true, initial: "2026-12-10T14:00" },
      { id: "capacity", kind: "number" as const, label: "Plekken", required: false, min: 1, max: 2000 },
      { id: "title", kind: "text" as const, label: "Titel", required: true, maxLength: 120 },
    ],
  };

  it("caps the title at 24 characters, keeps block ids = field ids and puts wall-clock times in the network zone", () => {
    const view = formView(form, { formId: "event", context: "evt_1", channelId: "C1" }, "Annuleren", "Europe/Amsterdam") as Record<string, any>;
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.callback_id).toBe("form:event");
    expect(JSON.parse(view.private_metadata)).toEqual({ formId: "event", context: "evt_1", channelId: "C1" });
    expect(view.blocks.map((b: any) => [b.block_id, b.optional, b.element.type])).toEqual([
      ["kind", false, "static_select"],
      ["startsAt", false, "datetimepicker"],
      ["capacity", true, "number_input"],
      ["title", false, "plain_text_input"],
    ]);
    expect(view.blocks[0].element.initial_option.value).toBe("MASTERCLASS");
    // 14:00 in Amsterdam in December is 13:00 UTC.
    expect(view.blocks[1].element.initial_date_time).toBe(Date.UTC(2026, 11, 10, 13, 0) / 1000);
  });

  it("reads submitted values back per field, as the chat layer's schemas expect them", () => {
    const values = submittedValues({
      callback_id: "form:event",
      private_metadata: "",
      state: {
        values: {
          kind: { value: { type: "static_select", selected_option: { value: "PRAKTIJKTAFEL" } } },
          startsAt: { value: { type: "datetimepicker", selected_date_time: Date.UTC(2026, 11, 10, 13, 0) / 1000 } },
          capacity: { value: { type: "number_input", value: null } },
          title: { value: { type: "plain_text_input", value: "Tafel" } },
        },
      },
    });
    expect(values).toEqual({ kind: "PRAKTIJKTAFEL", startsAt: "2026-12-10T13:00:00.000Z", capacity: "", title: "Tafel" });
  });
});
