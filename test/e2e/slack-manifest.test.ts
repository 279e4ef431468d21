import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import type { App } from "@slack/bolt";
import { registerActions } from "../../src/platforms/slack/listeners/actions.js";
import { registerCommand, SLASH_COMMAND } from "../../src/platforms/slack/listeners/command.js";
import { registerHome } from "../../src/platforms/slack/listeners/home.js";
import { registerLifecycle } from "../../src/platforms/slack/listeners/lifecycle.js";
import type { SlackListenerDeps } from "../../src/platforms/slack/listeners/shared.js";
import { registerViews } from "../../src/platforms/slack/listeners/views.js";
import { BOT_EVENTS, BOT_SCOPES, SLACK_PATHS } from "../../src/platforms/slack/scopes.js";

const manifest = z
  .object({
    display_information: z.object({ name: z.string().min(1).max(35), description: z.string().min(1).max(140), long_description: z.string().min(175).max(4000) }),
    features: z.object({
      app_home: z.object({ home_tab_enabled: z.literal(true), messages_tab_enabled: z.literal(true) }),
      bot_user: z.object({ display_name: z.string().min(1).max(80) }),
      slash_commands: z.array(z.object({ command: z.string(), url: z.string().url(), description: z.string().max(2000), usage_hint: z.string().max(1000) })),
    }),
    oauth_config: z.object({ redirect_urls: z.array(z.string().url()), scopes: z.object({ bot: z.array(z.string()) }) }),
    settings: z.object({
      event_subscriptions: z.object({ request_url: z.string().url(), bot_events: z.array(z.string()) }),
      interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string().url() }),
    }),
  })
  .parse(parse(readFileSync("manifests/slack/manifest.yaml", "utf8")));

/** What the listeners register on a Bolt app, recorded by a stand-in with Bolt's registration methods. */
function registeredByCode() {
  const events: string[] = [];
  const commands: string[] = [];
  const record = (into: string[]) => (name: unknown) => void into.push(String(name));
  const app = { event: record(events), command: record(commands), action: () => undefined, view: () => undefined } as unknown as App;
  const deps = {} as SlackListenerDeps;
  registerCommand(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerHome(app, deps);
  registerLifecycle(app, {} as never, {} as never);
  return { events, commands };
}

describe("Slack app manifest", () => {
  it("lists every event and command the code registers, and nothing else", () => {
    const code = registeredByCode();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...new Set(code.events)].sort());
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(code.commands);
  });

  it("declares the slash command the app listens to, pointing at the events endpoint", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(new URL(manifest.features.slash_commands[0]!.url).pathname).toBe(SLACK_PATHS.events);
    expect(manifest.features.slash_commands[0]!.usage_hint).toContain("rapporteer");
  });

  it("subscribes to exactly the events the app has listeners for", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(SLACK_PATHS.events);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(SLACK_PATHS.events);
  });

  it("asks for exactly the bot scopes the OAuth installer requests", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.redirect_urls.map((u) => new URL(u).pathname)).toEqual([SLACK_PATHS.oauthRedirect]);
  });

  it("has the App Home tab the home view is published to, and Dutch display information", () => {
    expect(manifest.display_information.description).toMatch(/Kwartaalrapportage/);
  });
});
