import { describe, expect, it } from "vitest";
import { isLoopbackUrl } from "../../src/platforms/teams/demo-guard.js";

describe("the serviceUrl demo mode answers to", () => {
  it.each(["http://localhost:3978/", "http://127.0.0.1:55123", "https://127.1.2.3/x", "http://[::1]:9000/", "http://2130706433/", "http://0x7f.0.0.1/"])("accepts %s (this machine)", (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each([
    "https://smba.trafficmanager.net/emea/",
    "http://0.0.0.0:3978/",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost.attacker.example/",
    "http://127.0.0.1.nip.io/",
    "http://[::ffff:127.0.0.1]/",
    "file:///etc/passwd",
    "not a url",
    "",
    undefined,
    42,
  ])("refuses %s", (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});
