import { expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { snapshotCounts } from "../support/fixtures.js";
import { cardAction, cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

const nl = translator("nl");
const en = translator("en");
const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

/** Issue 12: the optional report detail over the real botbuilder / teams-ai stack. */
describeEachDatabase("Teams report detail", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);

  /** Every Action.Execute on a card (in actions and in action sets of the body). */
  function executeActions(card: any): any[] {
    const found: any[] = [];
    const walk = (node: any) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) return node.forEach(walk);
      if (node.type === "Action.Execute") found.push(node);
      for (const [key, value] of Object.entries(node)) if (key !== "fallback") walk(value);
    };
    walk(card);
    return found;
  }

  async function say(user: ReturnType<typeof teamsUser>, text: string) {
    expect((await post(message(connector, user, text))).status).toBe(200);
    return cardOf(connector.sent().at(-1));
  }

  it("takes the one-line detail, and opens, validates and saves the detail card from 'Details toevoegen'", async () => {
    const joost = teamsUser("bakeryHr");
    const confirmation = await say(joost, "rapporteer 2 uren 12,75 inleen 1");
    expect(cardText(confirmation)).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 2, ambition: 12 }));
    expect(cardText(confirmation)).toContain("0,5 banen (12,75 uur per week) · Dienstverband 0 · inleen 1 · niet opgegeven 1");

    const button = executeActions(confirmation).find((a) => a.data?.action === "report.detail.open");
    expect(button?.title).toBe(nl("reporting.detail.button"));
    const opened = await post(cardAction(connector, joost, button.data, "sent-1"));
    expect(opened.status).toBe(200);
    // The button's answer is the form, sent as a card into the chat.
    const form = cardOf(connector.sent().at(-1));
    const inputs = (form.body as any[]).filter((e) => String(e.type).startsWith("Input."));
    expect(inputs.map((i) => [i.type, i.id])).toEqual([
      ["Input.Number", "in_realised"],
      ["Input.Text", "in_hoursPerWeek"],
      ["Input.Number", "in_employment"],
      ["Input.Number", "in_hiredIn"],
      ["Input.Number", "in_targetGroupYes"],
      ["Input.Number", "in_targetGroupNo"],
      ["Input.Number", "in_targetGroupUnknown"],
      ["Input.Number", "in_internships"],
      ["Input.Number", "in_workExperience"],
      ["Input.Number", "in_trialPlacements"],
      ["Input.Number", "in_bblTrajectories"],
    ]);
    expect(inputs.find((i) => i.id === "in_hoursPerWeek").value).toBe("12,75");
    expect(inputs.find((i) => i.id === "in_hiredIn").value).toBe(1);
    const submit = executeActions(form).find((a) => a.verb === "form.submit");

    const before = await snapshotCounts(use());
    const refused = await post(cardAction(connector, joost, { ...submit.data, in_realised: "2", in_employment: "2", in_hiredIn: "1" }, "sent-2"));
    expect(cardText(refused.body.value)).toContain(nl("field.splitTooMany", { given: 3, people: 2 }));
    expect(await snapshotCounts(use())).toEqual(before);

    const saved = await post(cardAction(connector, joost, { ...submit.data, in_realised: "2", in_hoursPerWeek: "51", in_employment: "1", in_hiredIn: "1", in_trialPlacements: "2" }, "sent-2"));
    expect(cardText(saved.body.value)).toContain("Opgeslagen voor Q4 2026: 2,0 banen (51 uur per week) · Dienstverband 1 · inleen 1 · niet opgegeven 0");
    const report = await use().prisma.placementReport.findFirstOrThrow({ where: { employer: { name: "Bakkerij De Korenschoof" }, period: { year: 2026, quarter: 4 } } });
    expect(report).toMatchObject({ version: 2, realised: 2, hoursPerWeek: 51, employment: 1, hiredIn: 1, trialPlacements: 2, submittedVia: "TEAMS" });
    expect(await use().prisma.placementReportRevision.count({ where: { reportId: report.id } })).toBe(2);
  });

  it("answers in English with a decimal point, and the coordinator's status shows persons and banen", async () => {
    const alex = teamsUser("englishSpeaker");
    const answer = cardText(await say(alex, "report 1 hours 30 employed 1"));
    expect(answer).toContain("1.2 jobs (30 hours per week)");

    const sanne = teamsUser("coordinator");
    const status = cardText(await say(sanne, "status"));
    expect(status).toContain(nl("figures.banen"));
    expect(status).toContain("1,2 (uren van 1 van 1 persoon)");
    expect(status).toContain("Dienstverband 1 · inleen 0 · niet opgegeven 0");
    expect(en("figures.banenValue", { banen: 1.2, people: 1, total: 4 })).toBe("1.2 (hours of 1 of 4 people)");
  });
});
