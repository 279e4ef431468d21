import { parse } from "csv-parse/sync";
import { expect, it, vi } from "vitest";
import { createSignInLink } from "../../src/core/dashboard/sign-in.js";
import type { QuarterTotals } from "../../src/core/reporting/history.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { trendChartPng } from "../../src/dashboard/charts.js";
import { translator, type MessageKey } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { readableText, slashAndAnswer } from "../support/slack-answers.js";
import { slackUser, startSlackHarness } from "../support/slack-app.js";
import { eventBody, JSON_TYPE, postSlack } from "../support/slack-requests.js";
import { cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

/**
 * Issue 12: for one seed, every surface a coordinator reads gives the same numbers. Nothing here
 * is computed from the database or core: each surface is read as a person (or Excel) would read
 * it, and the surfaces are compared with each other.
 */
const nl = translator("nl");
const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Headline {
  reported: number;
  employers: number;
  responsePercent: number;
  realised: number;
  cumulative: number;
  ambition: number;
}

/** The six figures under their labels, in whatever markup the surface puts around them. */
function headline(text: string): Headline {
  const after = (key: MessageKey, pattern: string) => {
    const match = new RegExp(`${escape(nl(key))}\\**\\s*(?:</dt>\\s*<dd>)?\\s*${pattern}`).exec(text);
    if (!match) throw new Error(`no ${nl(key)} in:\n${text}`);
    return match.slice(1).map(Number);
  };
  const [reported, employers] = after("reporting.status.reported", "(\\d+) / (\\d+)");
  return {
    reported: reported!,
    employers: employers!,
    responsePercent: after("reporting.status.responseRate", "(\\d+)%")[0]!,
    realised: after("figures.new", "(\\d+)")[0]!,
    cumulative: after("figures.cumulative", "(\\d+)")[0]!,
    ambition: after("figures.ambition", "(\\d+)")[0]!,
  };
}

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("the same figures on every surface", (use) => {
  // Starts the Teams app on a fresh demo seed before the test (and a Slack app below, on the same database).
  const teams = teamsAppPerTest(use, () => connector);

  it("dashboard, chart, status and historie on Slack, App Home, Teams home and the CSV export agree", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    // Q4 2026 is the current quarter: two of six employers report, so it reads as incomplete.
    expect((await submitReport(depsFor(db), await actor("bakeryHr"), { realised: 5 }, "WEB")).ok).toBe(true);
    expect((await submitReport(depsFor(db), await actor("logisticsHr"), { realised: 3 }, "WEB")).ok).toBe(true);
    const h = await startSlackHarness(db);
    try {
      // Chat on Slack, over the real Bolt app.
      const status = headline(readableText((await slashAndAnswer(h, slackUser.coordinator, "status", "status")).message!));
      const historyText = readableText((await slashAndAnswer(h, slackUser.coordinator, "historie", "historie")).message!);
      const history = [...historyText.matchAll(/(Q\d \d{4}): (\d+) nieuw, totaal (\d+) van (\d+) — (\d+) van (\d+) werkgevers gerapporteerd/g)].map((m) => ({
        label: m[1]!,
        realised: Number(m[2]),
        cumulative: Number(m[3]),
        ambition: Number(m[4]),
        reported: Number(m[5]),
        employers: Number(m[6]),
      }));
      expect(history.map((q) => q.label)).toEqual(["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]);

      // Slack's App Home.
      await postSlack(h.app.url, eventBody({ type: "app_home_opened", user: slackUser.coordinator, tab: "home" }), JSON_TYPE);
      await vi.waitFor(() => expect(h.fake.callsTo("views.publish")).toHaveLength(1), { timeout: 15_000 });
      const appHome = headline(readableText(h.fake.callsTo("views.publish")[0]!.body.view as Record<string, unknown>));

      // Teams' home card, over the real botbuilder stack.
      expect((await postActivity(teams.url, message(connector, teamsUser("coordinator"), "home"))).status).toBe(200);
      const teamsHome = headline(cardText(cardOf(connector.sent().at(-1))));

      // The dashboard, signed in as the coordinator.
      const { token } = await createSignInLink(depsFor(db), await actor("coordinator"));
      const login = await fetch(`${h.app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token }) });
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
      const page = async (path: string) => decode(await (await fetch(`${h.app.url}${path}`, { headers: { cookie } })).text());
      const dashboard = await page("/dashboard");
      const dashboardHeadline = headline(dashboard);
      const dashboardEmployers = new Map(
        [...dashboard.matchAll(/data-state="(\w+)">\s*<td[^>]*>(?:<span class="cell">)?<a [^>]+>([^<]+)<\/a>(?:<\/span>)?<\/td>\s*<td[^>]*>(?:<span class="cell">)?([^<]+)(?:<\/span>)?<\/td>\s*<td[^>]*>(?:<span class="cell">)?(\d+) van (\d+)/g)].map((m) => [
          m[2]!,
          { realised: m[1] === "REPORTED" ? Number(m[3]) : null, cumulative: Number(m[4]), ambition: Number(m[5]) },
        ]),
      );
      expect(dashboardEmployers.size).toBe(6);

      // The CSV export, read by a real CSV parser (the Dutch file: ";" between fields).
      const csvText = await (await fetch(`${h.app.url}/dashboard/reports.csv`, { headers: { cookie } })).text();
      const allRows = parse(csvText.replace(/^\uFEFF/, ""), { columns: true, delimiter: ";", skip_empty_lines: true }) as Array<Record<string, string>>;
      const [cQuarter, cEmployer, cState, cRealised, cCumulative, cAmbition] = (["quarter", "employer", "state", "realised", "cumulative", "ambition"] as const).map((c) => nl(`exports.reports.${c}`));
      // A quarter an employer counted in without reporting has its own row, in words, never 0.
      const rows = allRows.filter((r) => r[cState!] === nl("exports.reported"));
      for (const r of allRows.filter((r) => r[cState!] !== nl("exports.reported"))) expect(r[cRealised!]).toBe(nl("exports.notReported"));
      const quarterOfRow = (r: Record<string, string>) => r[cQuarter!]!;

      // 1. The network's current quarter: the same six figures everywhere.
      const q4 = history.at(-1)!;
      const fromHistory: Headline = { reported: q4.reported, employers: q4.employers, responsePercent: Math.round((100 * q4.reported) / q4.employers), realised: q4.realised, cumulative: q4.cumulative, ambition: q4.ambition };
      expect(status).toEqual({ reported: 2, employers: 6, responsePercent: 33, realised: 8, cumulative: 73, ambition: 165 });
      for (const [surface, figures] of Object.entries({ appHome, teamsHome, dashboard: dashboardHeadline, historie: fromHistory })) expect(figures, surface).toEqual(status);

      // 2. Every quarter: historie in chat, the dashboard's quarter view, and the CSV rows.
      for (const q of history) {
        const [year, n] = [q.label.slice(3), q.label.slice(1, 2)];
        const view = headline(await page(`/dashboard?quarter=${year}-Q${n}`));
        expect(view, q.label).toMatchObject({ reported: q.reported, employers: q.employers, realised: q.realised, cumulative: q.cumulative, ambition: q.ambition });
        const inQuarter = rows.filter((r) => quarterOfRow(r) === q.label);
        expect(inQuarter.length, q.label).toBe(q.reported);
        expect(inQuarter.reduce((sum, r) => sum + Number(r[cRealised!]), 0), q.label).toBe(q.realised);
        const upTo = rows.filter((r) => history.findIndex((h2) => h2.label === quarterOfRow(r)) <= history.indexOf(q));
        expect(upTo.reduce((sum, r) => sum + Number(r[cRealised!]), 0), q.label).toBe(q.cumulative);
      }

      // 3. Per employer, this quarter: the dashboard's table and the CSV (no row is "not reported", not 0).
      for (const [name, shown] of dashboardEmployers) {
        const own = allRows.filter((r) => r[cEmployer!] === name);
        const current = own.find((r) => quarterOfRow(r) === "Q4 2026" && r[cState!] === nl("exports.reported"));
        expect(shown.realised, name).toBe(current ? Number(current[cRealised!]) : null);
        expect(shown.cumulative, name).toBe(Number(own.at(-1)![cCumulative!]));
        expect(shown.ambition, name).toBe(Number(own.at(-1)![cAmbition!]));
      }
      expect([...dashboardEmployers.values()].reduce((sum, e) => sum + e.ambition, 0)).toBe(status.ambition);
      expect([...dashboardEmployers.values()].reduce((sum, e) => sum + e.cumulative, 0)).toBe(status.cumulative);
      expect([...dashboardEmployers.values()].reduce((sum, e) => sum + (e.realised ?? 0), 0)).toBe(status.realised);

      // 4. The chart: the PNG served is the image drawn from the historie figures (resvg is deterministic).
      const png = Buffer.from(await (await fetch(`${h.app.url}/dashboard/chart.png`, { headers: { cookie } })).arrayBuffer());
      const drawn = await trendChartPng(nl, history.map((q) => ({ label: q.label, cumulative: q.cumulative, ambition: q.ambition }) as QuarterTotals));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.equals(drawn)).toBe(true);
    } finally {
      await h.close();
    }
  }, 240_000);
});
