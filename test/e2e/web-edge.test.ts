import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { describeEachDatabase } from "../support/databases.js";
import { fixedNow, seedDemo } from "../support/fixtures.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { SIGNING_SECRET } from "../support/slack-requests.js";
import { startTestApp } from "../support/test-app.js";

// Issue 15.3: security headers on every route, HSTS behind https, and /metrics for the operator only.
const metricsToken = "metrics-token-for-tests-0123456789";
// Express answers an unknown path itself, with an even stricter policy of its own.
const ourPolicy = /^default-src 'self';img-src 'self';base-uri 'none';form-action 'self';frame-ancestors 'none';object-src 'none'$|^default-src 'self'; img-src 'self'; frame-ancestors 'none'$|^default-src 'none'$/;

let fakeSlack: FakeSlackApi;
beforeAll(async () => {
  fakeSlack = await startFakeSlackApi();
});
afterAll(() => fakeSlack.close());

describeEachDatabase("web edge", (use) => {
  let app: RunningApp | undefined;
  afterEach(() => app?.close());
  const start = async (env: Record<string, string> = {}) => {
    await seedDemo(use());
    app = await startTestApp(use(), { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: fakeSlack.url, PUBLIC_URL: "http://bot.example", ...env });
    return app;
  };
  const routes = (running: RunningApp): Array<[string, RequestInit?]> => {
    const networkId = "unknown-network";
    return [
      ["/healthz"],
      ["/readyz"],
      ["/metrics"],
      ["/static/web.css"],
      ["/dashboard/login"],
      ["/dashboard"],
      [new URL(running.chat.links.chartImageUrl(networkId, fixedNow)!).pathname],
      ["/slack/events", { method: "POST", body: "payload=%7B%7D", headers: { "content-type": "application/x-www-form-urlencoded" } }],
      ["/does-not-exist"],
    ];
  };

  it("sends the security headers on every route, static files, health, metrics and charts included", async () => {
    const running = await start();
    for (const [path, init] of routes(running)) {
      const { headers, status } = await fetch(`${running.url}${path}`, { redirect: "manual", ...init });
      expect(status, path).toBeLessThan(500);
      expect(headers.get("content-security-policy"), path).toMatch(ourPolicy);
      expect(headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(headers.get("x-frame-options"), path).toBe("DENY");
      expect(headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(headers.get("strict-transport-security"), `${path} over plain http`).toBeNull();
      expect(headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("keeps the stricter policy everywhere but the dashboard's own (unchanged), and lets chat clients show chart images", async () => {
    const running = await start();
    const health = await fetch(`${running.url}/healthz`);
    expect(health.headers.get("content-security-policy")).toBe("default-src 'self';img-src 'self';base-uri 'none';form-action 'self';frame-ancestors 'none';object-src 'none'");
    const { networkId } = await seedDemo(use());
    const chart = await fetch(running.chat.links.chartImageUrl(networkId, fixedNow)!.replace("http://bot.example", running.url));
    expect(chart.status).toBe(200);
    expect(chart.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(health.headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });

  it("tells browsers to keep to https (HSTS) when PUBLIC_URL is https", async () => {
    const running = await start({ PUBLIC_URL: "https://netwerkbot.example.nl" });
    for (const [path, init] of routes(running)) {
      const { headers } = await fetch(`${running.url}${path}`, { redirect: "manual", ...init });
      expect(headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("serves /metrics without METRICS_TOKEN only to requests made directly on this machine", async () => {
    const running = await start();
    expect((await fetch(`${running.url}/metrics`)).status).toBe(200);
    for (const header of ["x-forwarded-for", "forwarded", "x-real-ip"]) {
      const forwarded = await fetch(`${running.url}/metrics`, { headers: { [header]: header === "forwarded" ? "for=203.0.113.9" : "203.0.113.9" } });
      expect(forwarded.status, header).toBe(403);
      expect(await forwarded.text()).not.toContain("netwerkbot_");
    }
  });

  it("asks for the METRICS_TOKEN bearer token when it is set", async () => {
    const running = await start({ METRICS_TOKEN: metricsToken });
    const read = (authorization?: string) => fetch(`${running.url}/metrics`, { headers: authorization ? { authorization } : {} });
    for (const wrong of [undefined, "Bearer nope", `Basic ${metricsToken}`, `Bearer ${metricsToken}x`]) {
      const refused = await read(wrong);
      expect(refused.status, String(wrong)).toBe(401);
      expect(refused.headers.get("www-authenticate")).toContain("Bearer");
      expect(await refused.text()).not.toContain("netwerkbot_");
    }
    const allowed = await read(`Bearer ${metricsToken}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("process_resident_memory_bytes");
  });
});
