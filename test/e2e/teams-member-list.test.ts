import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { DUTCH_HEADER } from "../support/member-sheets.js";
import { cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("member list from Teams", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);

  it("'leden export xlsx' gives a coordinator the workbook as a download link served by the bot", async () => {
    await post(message(connector, teamsUser("coordinator"), "leden export xlsx"));
    const link = cardOf(connector.sent().at(-1)).body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.type === "Action.OpenUrl");
    expect(link.url).toMatch(/\/api\/teams\/files\/[\w-]{43}\/ledenlijst-99vandemo-2026-11-25\.xlsx$/);
    const download = await fetch(link.url.replace("http://bot.example", app.url));
    expect(download.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await download.arrayBuffer()) as never);
    const header = (workbook.getWorksheet("Leden")!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(DUTCH_HEADER);
    expect(workbook.getWorksheet("Leden")!.rowCount).toBe(9);
  });

  it("refuses a member", async () => {
    await post(message(connector, teamsUser("bakeryHr"), "leden export"));
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain("alleen voor netwerkcoördinatoren");
  });
});
