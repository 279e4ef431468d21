import { expect, it } from "vitest";
import { respondToEvent } from "../../src/core/events/rsvp.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { describeEachDatabase } from "../support/databases.js";
import { expectSameTable, readCsv } from "../support/export-files.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { cardOf, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

// Issue 12: chat and dashboard call the same core function per export, so a coordinator who
// downloads a file in Teams and on the dashboard gets the same bytes, CSV and .xlsx alike.
describeEachDatabase("the same export file from Teams and from the dashboard", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);
  const local = (url: string) => url.replace("http://bot.example", app.url);

  /** What a Teams user's command hands over: the bytes behind the card's download link. */
  async function fromTeams(user: ReturnType<typeof teamsUser>, text: string): Promise<{ name: string; bytes: Buffer }> {
    expect((await post(message(connector, user, text))).status).toBe(200);
    const link = cardOf(connector.sent().at(-1)).body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.type === "Action.OpenUrl");
    expect(link, text).toBeDefined();
    const download = await fetch(local(link.url));
    expect(download.status).toBe(200);
    return { name: decodeURIComponent(link.url.split("/").at(-1)!), bytes: Buffer.from(await download.arrayBuffer()) };
  }

  /** "dashboard" in Teams, open the link, press the button: the session cookie. */
  async function signIn(user: ReturnType<typeof teamsUser>): Promise<string> {
    expect((await post(message(connector, user, "dashboard"))).status).toBe(200);
    const link = new URL(cardOf(connector.sent().at(-1)).body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.type === "Action.OpenUrl").url);
    const response = await fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token: link.searchParams.get("token")! }) });
    expect(response.status).toBe(303);
    return response.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
  }

  async function fromDashboard(cookie: string, path: string): Promise<{ name: string; type: string; bytes: Buffer }> {
    const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
    expect(response.status, path).toBe(200);
    const name = /filename="?([^";]+)"?/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "";
    return { name, type: response.headers.get("content-type") ?? "", bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it("gives identical bytes for the reports, an evenement's attendees and a person's data, as CSV and as .xlsx", async () => {
    const { actor } = await seedDemo(use());
    const joost = await actor("bakeryHr");
    expect((await submitReport(depsFor(use()), joost, { realised: 3, remark: "Twee via het leerwerkbedrijf; één ‘BBL’" }, "TEAMS")).ok).toBe(true);
    expect((await respondToEvent(depsFor(use()), joost, { number: 1, response: "ja" })).ok).toBe(true);
    expect((await respondToEvent(depsFor(use()), await actor("logisticsHr"), { number: 1, response: "misschien" })).ok).toBe(true);

    const coordinator = teamsUser("coordinator");
    const cookie = await signIn(coordinator);
    const pairs = [
      ["export", "/dashboard/reports.csv", "rapportages-2026-11-25.csv"],
      ["export xlsx", "/dashboard/reports.xlsx", "rapportages-2026-11-25.xlsx"],
      ["deelnemers 1 export", "/dashboard/events/1/attendees.csv", "deelnemers-1.csv"],
      ["deelnemers 1 export xlsx", "/dashboard/events/1/attendees.xlsx", "deelnemers-1.xlsx"],
      ["mijn gegevens", "/dashboard/my-data.csv", "gegevens-2026-11-25.csv"],
      ["mijn gegevens xlsx", "/dashboard/my-data.xlsx", "gegevens-2026-11-25.xlsx"],
    ] as const;
    const files = new Map<string, Buffer>();
    for (const [command, path, name] of pairs) {
      const chat = await fromTeams(coordinator, command);
      const web = await fromDashboard(cookie, path);
      expect({ command, chat: chat.name, web: web.name }).toEqual({ command, chat: name, web: name });
      expect(web.type).toContain(name.endsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(chat.bytes.length, command).toBeGreaterThan(0);
      expect(chat.bytes.equals(web.bytes), `${command} and ${path} differ`).toBe(true);
      files.set(name, web.bytes);
    }
    // And what they hold is the table a Dutch coordinator opens (read by csv-parse and exceljs).
    const reports = await expectSameTable(files.get("rapportages-2026-11-25.csv")!, files.get("rapportages-2026-11-25.xlsx")!, "nl");
    expect(reports.csv).toContainEqual(expect.arrayContaining(["Q4 2026", "Bakkerij De Korenschoof", "gerapporteerd", "3", "Teams", "Twee via het leerwerkbedrijf; één ‘BBL’"]));
    const attendees = await expectSameTable(files.get("deelnemers-1.csv")!, files.get("deelnemers-1.xlsx")!, "nl");
    expect(attendees.csv.slice(1).map((r) => r[2])).toEqual(["Ja", "Misschien"]);
    await expectSameTable(files.get("gegevens-2026-11-25.csv")!, files.get("gegevens-2026-11-25.xlsx")!, "nl");
  });

  it("gives an English-speaking member their own data the same way in Teams and on the dashboard, in English", async () => {
    const alex = teamsUser("englishSpeaker");
    const cookie = await signIn(alex);
    for (const [command, path] of [["my data", "/dashboard/my-data.csv"], ["my data xlsx", "/dashboard/my-data.xlsx"]] as const) {
      const chat = await fromTeams(alex, command);
      const web = await fromDashboard(cookie, path);
      expect(chat.bytes.equals(web.bytes), command).toBe(true);
      expect(web.name).toMatch(/^my-data-2026-11-25\.(csv|xlsx)$/);
    }
    const rows = readCsv((await fromDashboard(cookie, "/dashboard/my-data.csv")).bytes);
    expect(rows[0]).toEqual(["Part", "What", "Value", "Date", "Details"]);
    expect(rows).toContainEqual(["Person", "Language", "English", "", ""]);
    // A member gets no one else's file: the reports are their own employer's only.
    const own = readCsv((await fromDashboard(cookie, "/dashboard/reports.csv")).bytes);
    expect(new Set(own.slice(1).map((r) => r[2]))).toEqual(new Set(["Twente Tech Solutions"]));
  });
});
