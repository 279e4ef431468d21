import { PrismaPg } from "@prisma/adapter-pg";
import { expect, it } from "vitest";
import { PrismaClient } from "../../src/generated/prisma/client.js";
import { ERASURE_STEPS, erasureSteps, HOLDS_NO_PERSONAL_DATA } from "../../src/core/members/erasure/steps.js";
import { channelErasureHooks } from "../../src/platforms/erasure.js";

interface DmmfModel {
  fields: { name: string; kind: string; type: string }[];
}

// The datamodel part of the DMMF, as the generated client carries it (prisma-client generator:
// no DMMF export; this is the same models and fields). Nothing connects: the adapter is lazy.
const models = (new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody@127.0.0.1:1/none" }) }) as unknown as { _runtimeDataModel: { models: Record<string, DmmfModel> } })
  ._runtimeDataModel.models;

// Columns that can hold who someone is: ids of people, names, addresses, chat ids, free text and JSON.
const PERSONISH = /person|name|email|user|aad|actor|by$|ById|address|reference|installation|payload|details|content|remark|description|guests|title|key/i;

function personishColumns(model: DmmfModel): string[] {
  return model.fields.filter((f) => f.kind === "scalar" && (PERSONISH.test(f.name) || f.type === "Json")).map((f) => f.name);
}

// Core's steps with every channel's hook, as the composition root registers them.
const hooks = channelErasureHooks().all;
const covered = new Set(erasureSteps(hooks).flatMap((s) => s.tables));

it("holds every model with a column that can identify a person to an erasure step, or lists it as holding none", () => {
  const unaccounted = Object.entries(models)
    .filter(([name, model]) => personishColumns(model).length > 0 && !covered.has(name as never) && !(name in HOLDS_NO_PERSONAL_DATA))
    .map(([name, model]) => `${name} (${personishColumns(model).join(", ")})`);
  expect(unaccounted).toEqual([]);
  // The check has teeth: the tables that made the issue are person-ish and covered.
  for (const name of ["Person", "TeamsConversation", "OutboxMessage", "ImportUpload", "JoinRequest", "MembershipConfirmation", "AuditLog", "DownloadLink", "DashboardSession"]) {
    expect(personishColumns(models[name]!).length, name).toBeGreaterThan(0);
    expect(covered.has(name as never), name).toBe(true);
  }
});

it("names only models that exist, and none both as covered and as holding nothing", () => {
  const names = Object.keys(models);
  expect([...covered].filter((t) => !names.includes(t))).toEqual([]);
  expect(Object.keys(HOLDS_NO_PERSONAL_DATA).filter((t) => !names.includes(t))).toEqual([]);
  expect(Object.keys(HOLDS_NO_PERSONAL_DATA).filter((t) => covered.has(t as never))).toEqual([]);
  // Every model is accounted for, so a new table must say which it is.
  expect(names.filter((n) => !covered.has(n as never) && !(n in HOLDS_NO_PERSONAL_DATA))).toEqual([]);
});

it("leaves the channels' tables to their hooks: core's own steps name none of them", () => {
  const channelTables = hooks.flatMap((h) => h.tables);
  expect(channelTables.sort()).toEqual(["SlackInstallation", "TeamsConversation"]);
  expect(ERASURE_STEPS.flatMap((s) => s.tables).filter((t) => channelTables.includes(t))).toEqual([]);
  // In their place: after the outbox, before the accounts they point to.
  expect(erasureSteps(hooks).map((s) => s.name).slice(0, 4)).toEqual(["outbox", "slackInstallations", "teamsConversations", "identities"]);
});
