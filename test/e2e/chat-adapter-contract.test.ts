import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import type { TurnInput } from "../../src/chat/adapter.js";
import { reply, textMessage, type ChatEffect, type Form } from "../../src/chat/message.js";
import type { Conversation } from "../../src/chat/turn.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { seedDemo } from "../support/fixtures.js";
import { readableText, slashAndAnswer } from "../support/slack-answers.js";
import { slackUser } from "../support/slack-app.js";
import { SIGNING_SECRET } from "../support/slack-requests.js";
import { cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { startTestApp, teamsAppPerTest } from "../support/test-app.js";

const nl = translator("nl");

// The same neutral replies, whatever the chat layer would have said: what each adapter renders
// of them is the contract (src/chat/adapter.ts).
const TEXT = "Contract: gewone tekst voor de persoon die het vroeg";
const FORM_UNDER_TEST: Form = { id: "contract.form", title: "Contractformulier", submitLabel: "Verstuur", fields: [{ id: "aantal", kind: "number", label: "Aantal", required: true }] };
const REPLIES: Record<string, ChatEffect[] | Error> = {
  tekst: [reply(textMessage(TEXT))],
  knoppen: [reply({ summary: "Kies", blocks: [{ type: "text", text: "Kies een antwoord" }, { type: "actions", buttons: [{ action: "contract.ja", label: "Ja", value: "v-1", style: "primary" }] }] })],
  formulier: [{ type: "openForm", form: FORM_UNDER_TEST }],
  fout: new Error("contract: het onverwachte"),
};
const fixedReplies: Conversation = async (_ctx, input: TurnInput) => {
  const answer = input.kind === "text" ? REPLIES[input.text] : undefined;
  if (!answer) throw new Error(`no fixed reply for ${JSON.stringify(input)}`);
  if (answer instanceof Error) throw answer;
  return answer;
};

let fakeSlack: FakeSlackApi;
beforeAll(async () => {
  fakeSlack = await startFakeSlackApi({ users: { [slackUser.bakeryHr]: demoEmails.bakeryHr } });
});
afterAll(() => fakeSlack.close());
const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("ChatAdapter contract: the same neutral replies on Slack, Teams and the web playground", (use) => {
  describe("Slack (real Bolt over signed HTTP, fake Web API)", () => {
    const app = teamsAppPerTest(use, () => connector, { get SLACK_API_URL() { return fakeSlack.url; }, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test" }, { conversation: fixedReplies });
    let asked = 0;
    // In the ack when it is ready in time, else through response_url (a loaded machine): both are Slack's private answer.
    const slash = async (text: string) => {
      const answer = await slashAndAnswer({ app: { url: app.url } as RunningApp, fake: fakeSlack, close: async () => {} }, slackUser.bakeryHr, text, `contract-${++asked}`);
      expect(answer.ack.status).toBe(200);
      return answer;
    };

    it("text: answered privately", async () => {
      const { message } = await slash("tekst");
      expect(message).toMatchObject({ response_type: "ephemeral" });
      expect(readableText(message!)).toContain(TEXT);
    });

    it("buttons: a Block Kit button carrying the neutral action and value", async () => {
      const { message } = await slash("knoppen");
      const actions = ((message as { blocks: Array<{ type: string; elements?: unknown[] }> }).blocks).find((b) => b.type === "actions");
      expect(actions?.elements).toEqual([expect.objectContaining({ type: "button", action_id: "contract.ja#0", value: "v-1", style: "primary", text: expect.objectContaining({ text: "Ja" }) })]);
    });

    it("a form: a modal opened on the request's trigger", async () => {
      const { modal } = await slash("formulier");
      const view = typeof modal?.body.view === "string" ? JSON.parse(modal.body.view) : modal?.body.view;
      expect(view).toMatchObject({ type: "modal", title: { text: "Contractformulier" }, submit: { text: "Verstuur" } });
      expect(JSON.stringify(view.blocks)).toContain('"block_id":"aantal"');
    });

    it("an error: the apology, privately", async () => {
      const { message } = await slash("fout");
      expect(readableText(message!)).toContain(nl("error.unexpected"));
    });
  });

  describe("Teams (real botbuilder activities, fake Bot Connector)", () => {
    const app = teamsAppPerTest(use, () => connector, {}, { conversation: fixedReplies });
    const say = async (text: string) => {
      expect((await postActivity(app.url, message(connector, teamsUser("bakeryHr"), text))).status).toBe(200);
      return cardOf(connector.sent().at(-1));
    };

    it("text: an Adaptive Card in the personal chat", async () => {
      expect(cardText(await say("tekst"))).toContain(TEXT);
    });

    it("buttons: Action.Execute carrying the neutral action and value", async () => {
      const card = await say("knoppen");
      const set = card.body.find((e: { type: string }) => e.type === "ActionSet");
      expect(set.actions).toEqual([expect.objectContaining({ type: "Action.Execute", title: "Ja", data: expect.objectContaining({ action: "contract.ja", value: "v-1" }) })]);
    });

    it("a form: a card with the form's inputs and submit", async () => {
      const card = await say("formulier");
      expect(JSON.stringify(card)).toContain("Contractformulier");
      expect(card.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: "Input.Number", id: "in_aantal" })]));
    });

    it("an error: the apology", async () => {
      expect(cardText(await say("fout"))).toContain(nl("error.unexpected"));
    });
  });

  describe("web playground (real HTTP, demo mode)", () => {
    let app: RunningApp;
    beforeEach(async () => {
      await seedDemo(use());
      app = await startTestApp(use(), {}, { conversation: fixedReplies });
    });
    afterEach(() => app.close());
    const say = async (text: string) => {
      const joost = await use().prisma.person.findFirstOrThrow({ where: { name: "Joost Bakker" }, select: { id: true } });
      const res = await fetch(`${app.url}/playground/text`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personId: joost.id, text }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Array<{ type: string; html: string }> }).items;
    };

    it("text: an escaped HTML message", async () => {
      const [item] = await say("tekst");
      expect(item).toMatchObject({ type: "append" });
      expect(item?.html).toContain(`<p class="text">${TEXT}</p>`);
    });

    it("buttons: a button carrying the neutral action and value", async () => {
      const [item] = await say("knoppen");
      expect(item?.html).toContain('data-action="contract.ja" data-value="v-1">Ja</button>');
    });

    it("a form: a web form with the form's fields", async () => {
      const [item] = await say("formulier");
      expect(item?.html).toContain('data-form-id="contract.form"');
      expect(item?.html).toContain('name="aantal" required');
    });

    it("an error: the apology", async () => {
      const [item] = await say("fout");
      expect(item?.html).toContain(nl("error.unexpected"));
    });
  });
});
