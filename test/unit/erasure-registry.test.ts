import { PrismaPg } from "@prisma/adapter-pg";
import { expect, it } from "vitest";
import { PrismaClient } from "../../src/generated/prisma/client.js";
import { ERASURE_STEPS, HOLDS_NO_PERSONAL_DATA } from "../../src/core/members/erasure/steps.js";

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

const covered = new Set(ERASURE_STEPS.flatMap((s) => s.tables));

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
