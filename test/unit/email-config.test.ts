import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("e-mail settings", () => {
  it("are on with SMTP_URL and MAIL_FROM together, and off without either", () => {
    expect(loadConfig({}).emailEnabled).toBe(false);
    const config = loadConfig({ SMTP_URL: "smtps://u:p@smtp.example.nl:465", MAIL_FROM: "Netwerkbot <bot@example.nl>" });
    expect(config.emailEnabled).toBe(true);
    expect(config.env.OUTBOX_RATE_EMAIL).toBe(10);
  });

  it("a partial set stops the start naming what is missing", () => {
    expect(problems({ SMTP_URL: "smtp://smtp.example.nl:587" })).toEqual([expect.stringMatching(/^MAIL_FROM: hoort bij SMTP_URL; .*E-mail instellen/)]);
    expect(problems({ MAIL_FROM: "bot@example.nl" })).toEqual([expect.stringMatching(/^SMTP_URL: hoort bij MAIL_FROM; /)]);
    expect(problems({ MAIL_REPLY_TO: "netwerk@example.nl" })).toEqual([expect.stringMatching(/^SMTP_URL, MAIL_FROM: horen bij MAIL_REPLY_TO; /)]);
  });

  it("a bad value names the variable", () => {
    expect(problems({ SMTP_URL: "http://smtp.example.nl", MAIL_FROM: "bot@example.nl" })).toEqual([expect.stringMatching(/^SMTP_URL: moet een smtp:\/\/- of smtps:\/\/-URL zijn/)]);
    expect(problems({ SMTP_URL: "smtp://smtp.example.nl", MAIL_FROM: "Netwerkbot <geen adres>" })).toEqual([expect.stringMatching(/^MAIL_FROM: moet één e-mailadres zijn/)]);
  });
});
