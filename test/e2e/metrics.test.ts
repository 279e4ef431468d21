import { execFileSync, spawnSync } from "node:child_process";
import parsePrometheusTextFormat, { type MetricFamily as Family } from "parse-prometheus-text-format";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoEmails } from "../../src/demo/demo-data.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { slackUser } from "../support/slack-app.js";
import { FORM, postSlack, SIGNING_SECRET, slashBody } from "../support/slack-requests.js";
import { message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

// The rules of `promtool check metrics` (client_golang's promlint), applied to the parsed families.
const NON_BASE_UNITS = /_(milliseconds|microseconds|nanoseconds|minutes|hours|days|weeks|kilobytes|megabytes|gigabytes|terabytes|petabytes|kilometers|millimeters)(_|$)/;
const ABBREVIATIONS = /(^|_)(s|ms|us|ns|sec|b|kb|mb|gb|tb|pb|m|h|d)(_|$)/;
const TYPE_IN_NAME = /(^|_)(counter|gauge|histogram|summary)(_|$)/;
const SNAKE = /^[a-z_][a-z0-9_]*$/;

function promlintProblems(families: Family[]): string[] {
  const problems: string[] = [];
  for (const f of families) {
    const say = (text: string) => problems.push(`${f.name}: ${text}`);
    if (!f.help) say("no help text");
    if (f.type === "COUNTER" && !f.name.endsWith("_total")) say('counter metrics should have "_total" suffix');
    if (f.type !== "COUNTER" && f.name.endsWith("_total")) say('non-counter metrics should not have "_total" suffix');
    if (f.type !== "HISTOGRAM" && f.type !== "SUMMARY" && /_(bucket|count|sum)$/.test(f.name)) say("reserved suffix on a non-histogram");
    if (NON_BASE_UNITS.test(f.name)) say("use base unit");
    if (ABBREVIATIONS.test(f.name)) say("abbreviated unit");
    if (TYPE_IN_NAME.test(f.name)) say("metric type in name");
    if (!SNAKE.test(f.name)) say("not snake_case or reserved character");
    for (const m of f.metrics) for (const label of Object.keys(m.labels ?? {})) if (!SNAKE.test(label)) say(`label ${label} not snake_case`);
  }
  return problems;
}

const hasPromtool = spawnSync("promtool", ["--version"]).status === 0;

let fakeSlack: FakeSlackApi;
beforeAll(async () => {
  const users = { [slackUser.bakeryHr]: demoEmails.bakeryHr };
  fakeSlack = await startFakeSlackApi({ users });
});
afterAll(() => fakeSlack.close());
const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("/metrics: valid exposition, Slack and Teams counted alike", (use) => {
  const app = teamsAppPerTest(use, () => connector, {
    get SLACK_API_URL() {
      return fakeSlack.url;
    },
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-test",
  });
  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    return { text, families: parsePrometheusTextFormat(text) };
  };
  const handled = (families: Family[], platform: string) =>
    families.find((f) => f.name === "netwerkbot_commands_handled_total")?.metrics.find((m) => m.labels?.platform === platform && m.labels.kind === "command" && m.labels.outcome === "ok");
  // The parser merges a labelled histogram's samples into one, so its count is read off the text.
  const timed = (text: string, platform: string) => Number(new RegExp(`^netwerkbot_command_duration_seconds_count\\{platform="${platform}"\\} (\\d+)$`, "m").exec(text)?.[1] ?? 0);

  it("passes the promtool rules: `_total` only on counters, help on every family, base units, snake_case", async () => {
    const { families } = await scrape();
    expect(families.length).toBeGreaterThan(10);
    expect(promlintProblems(families)).toEqual([]);
    // The per-type gauges stay; their sums were the `_total` gauges promtool refused.
    expect(families.find((f) => f.name === "nodejs_active_handles")?.type).toBe("GAUGE");
    expect(families.map((f) => f.name)).not.toContain("nodejs_active_handles_total");
  });

  it.runIf(hasPromtool)("passes `promtool check metrics` itself", async () => {
    const { text } = await scrape();
    expect(() => execFileSync("promtool", ["check", "metrics"], { input: text, stdio: ["pipe", "pipe", "pipe"] })).not.toThrow();
  });

  it("counts and times a Teams command like a Slack command", async () => {
    const before = await scrape();
    const slack = await postSlack(app.url, slashBody({ user: slackUser.bakeryHr, text: "help", responseUrl: fakeSlack.responseUrl("m") }), FORM);
    expect(slack.status).toBe(200);
    expect((await postActivity(app.url, message(connector, teamsUser("bakeryHr"), "help"))).status).toBe(200);
    const after = await scrape();

    for (const platform of ["SLACK", "TEAMS"]) {
      expect(Number(handled(after.families, platform)?.value ?? 0) - Number(handled(before.families, platform)?.value ?? 0), platform).toBe(1);
      expect(timed(after.text, platform) - timed(before.text, platform), platform).toBe(1);
    }
  });
});
