import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { webApi, type App } from "@slack/bolt";
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

/**
 * Every Web API method the adapter calls, with the bot scopes Slack requires for it the way we
 * call it (https://docs.slack.dev/reference/methods). A method without the scope fails only in
 * a real workspace, with missing_scope, so the table is checked against the source below.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  // Only on the bot's own DM (sender.ts wasDelivered); a channel would need channels:/groups:history.
  "conversations.history": ["im:history"],
  "conversations.join": ["channels:join"],
  // One-to-one DMs only; a group DM would need mpim:write.
  "conversations.open": ["im:write"],
  // Uploads through files.getUploadURLExternal and files.completeUploadExternal.
  "files.uploadV2": ["files:write"],
  // We read profile.email, which Slack leaves out without users:read.email.
  "users.info": ["users:read", "users:read.email"],
  // Imported contacts who never wrote to the bot are found by the address on file (issue 11).
  "users.lookupByEmail": ["users:read.email"],
  "views.open": [],
  "views.publish": [],
};

/** Web API families (chat, users, …): the plain objects of methods on a WebClient. */
const apiFamilies = (() => {
  const client = new webApi.WebClient() as unknown as Record<string, unknown>;
  return new Map(
    Object.entries(client).filter(
      (entry): entry is [string, Record<string, unknown>] =>
        typeof entry[1] === "object" && entry[1] !== null && Object.getPrototypeOf(entry[1]) === Object.prototype && Object.values(entry[1]).some((v) => typeof v === "function"),
    ),
  );
})();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** Web API methods called in src/platforms/slack: `<anything>.chat.postMessage(` and `.apiCall("…")`. */
function methodsCalledBySource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (method: string, file: string) => found.set(method, [...new Set([...(found.get(method) ?? []), file])]);
  for (const file of sourceFiles("src/platforms/slack")) {
    const text = readFileSync(file, "utf8");
    for (const [, family, method] of text.matchAll(/\.\s*([a-z][A-Za-z]*)\s*\.\s*([a-z][A-Za-z0-9]*)\s*\(/g)) {
      if (typeof apiFamilies.get(family!)?.[method!] === "function") add(`${family}.${method}`, file);
    }
    for (const [, method] of text.matchAll(/\.(?:apiCall|paginate)\(\s*["'`]([\w.]+)["'`]/g)) add(method!, file);
  }
  return found;
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

  it("knows the bot scopes of every Web API method the adapter calls", () => {
    const called = methodsCalledBySource();
    // Sanity check of the scan itself: these calls are known to exist.
    expect([...called.keys()]).toEqual(expect.arrayContaining(["chat.postMessage", "conversations.history", "users.info"]));
    expect([...called.keys()].sort()).toEqual(Object.keys(METHOD_SCOPES).sort());
  });

  it("asks for every bot scope those methods need, in the manifest and in the OAuth install", () => {
    const needed = [...new Set(Object.values(METHOD_SCOPES).flat())];
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(needed));
    expect([...BOT_SCOPES]).toEqual(expect.arrayContaining(needed));
    // A slash command is only delivered to an app with the commands scope.
    if (registeredByCode().commands.length > 0) expect([...BOT_SCOPES]).toContain("commands");
  });

  it("has the App Home tab the home view is published to, and Dutch display information", () => {
    expect(manifest.display_information.description).toMatch(/Kwartaalrapportage/);
  });
});
