import { describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.js";
import { boundaryViolations, moduleReferences, sourceFiles, type BoundaryRule, type DatabaseRule, type ModuleReference } from "../support/import-graph.js";

const under = (...prefixes: string[]) => (ref: ModuleReference) => prefixes.some((p) => ref.target === p || ref.target.startsWith(`${p}/`));
const anyOf = (...tests: Array<(ref: ModuleReference) => boolean>) => (ref: ModuleReference) => tests.some((t) => t(ref));

const platformSdks = under("@slack", "botbuilder", "botframework-connector", "@microsoft", "node-cron", "express", "nodemailer");
// The Prisma client, its adapters and its generated types: only core (and db/, its factory) hold them.
const prisma = anyOf(under("src/generated", "@prisma"), (ref) => ref.target === "@prisma/client");

// DESIGN.md "Rules of the house"; STYLE.md habit 2.
export const RULES: BoundaryRule[] = [
  { name: "core imports no chat, platform, dashboard, delivery, scheduler or HTTP code", from: "src/core", forbidden: anyOf(under("src/chat", "src/platforms", "src/dashboard", "src/delivery", "src/scheduler", "src/http"), platformSdks) },
  { name: "chat imports no platform or dashboard", from: "src/chat", forbidden: anyOf(under("src/platforms", "src/dashboard"), platformSdks) },
  // Its context carries core's use cases (ctx.core.run), never CoreDeps with the client in it.
  { name: "chat reaches Prisma only through core", from: "src/chat", forbidden: anyOf(prisma, under("src/db", "src/core/deps")) },
  // HTML escaping and the condition's state text both sides use live in src/shared; exports are core functions.
  { name: "the dashboard imports no chat or platform code", from: "src/dashboard", forbidden: under("src/chat", "src/platforms") },
  // No exceptions: the channels' own tables (Slack installations, Teams conversation references) are core repositories (core/platform-links).
  { name: "a platform reaches Prisma only through core", from: "src/platforms", forbidden: prisma },
];
// A platform may hand core the database handle it was given (core's repositories take one); only core queries it.
const DATABASE: DatabaseRule = {
  noHandleIn: ["src/chat"],
  noQueriesIn: ["src/chat", "src/platforms"],
  delegates: new Set(Object.values(Prisma.ModelName).map((model) => model[0]!.toLowerCase() + model.slice(1))),
};

describe("module boundaries, read from the import graph", () => {
  it("holds in the source tree", () => {
    expect(sourceFiles(".", "src/core").length).toBeGreaterThan(50);
    expect(sourceFiles(".", "src/chat").length).toBeGreaterThan(30);
    expect(boundaryViolations(".", RULES, DATABASE)).toEqual([]);
    // Parsing some 400 files takes a few seconds idle, half a minute on a loaded machine.
  }, 180_000);

  it("finds no platform file that takes the Prisma client, and knows the schema's delegates", () => {
    expect(sourceFiles(".", "src/platforms").filter((file) => moduleReferences(".", file).some(prisma))).toEqual([]);
    expect([...DATABASE.delegates]).toEqual(expect.arrayContaining(["person", "teamsConversation", "slackInstallation", "slackEventReceipt"]));
  }, 180_000);

  it("reads multi-line, type-only, re-exported, dynamic and import() type references", () => {
    const refs = moduleReferences("test/fixtures/boundaries", "src/core/leaks.ts").map((r) => [r.kind, r.target, r.line]);
    expect(refs).toEqual([
      ["import", "src/chat/message", 2],
      ["import type", "src/platforms/slack/mount", 6],
      ["export", "src/dashboard", 7],
      ["dynamic import", "src/delivery/worker", 10],
      ["type import()", "src/chat/adapter", 14],
    ]);
  });

  it("catches each kind of violation in a fixture tree", () => {
    const found = boundaryViolations("test/fixtures/boundaries", RULES, DATABASE).map((v) => `${v.where} ${v.what}`);
    expect(found).toEqual([
      'src/core/leaks.ts:2 import "../chat/message.js"',
      'src/core/leaks.ts:6 import type "../platforms/slack/mount.js"',
      'src/core/leaks.ts:7 export "../dashboard/index.js"',
      'src/core/leaks.ts:10 dynamic import "../delivery/worker.js"',
      'src/core/leaks.ts:14 type import() "../chat/adapter.js"',
      'src/chat/reaches.ts:3 import "../platforms/slack/effects.js"',
      'src/chat/reaches.ts:14 import "../dashboard/web-links.js"',
      'src/chat/reaches.ts:4 import type "../generated/prisma/client.js"',
      'src/chat/reaches.ts:13 import type "../core/deps.js"',
      'src/dashboard/page.ts:2 import "../chat/csv.js"',
      'src/platforms/slack/store.ts:2 import "@prisma/adapter-pg"',
      'src/platforms/slack/store.ts:3 import type "../../generated/prisma/client.js"',
      "src/chat/reaches.ts:9 { db } = ctx.deps",
      "src/chat/reaches.ts:10 ctx.deps.db",
      "src/chat/reaches.ts:10 ctx.deps.db.person.count",
      "src/chat/reaches.ts:10 db.event.count",
      "src/platforms/slack/store.ts:8 db.slackInstallation.findFirst",
      "src/platforms/slack/store.ts:12 tx.$queryRaw",
      "src/platforms/slack/store.ts:16 turn.db.teamsConversation.upsert",
    ]);
  });
});
