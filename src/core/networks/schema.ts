import { z } from "zod";
import { emailField } from "../members/schema.js";
import { requiredText } from "../shared/fields.js";

// Slugs go into URLs (?network=<slug>) and commands: short, lowercase, no spaces. Forty
// characters fit "99van-noord-holland-noord" with room to spare.
const MAX_SLUG = 40;
// Network names show as a page title and in chat headers ("99vanTwente", "De Normaalste Zaak").
const MAX_NETWORK_NAME = 100;
// As for people added by coordinators (members/schema.ts): "Anna Maria van den Berg-de Vries".
const MAX_PERSON_NAME = 120;

export const slugField = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() : value),
  z
    .string({ required_error: "field.required", invalid_type_error: "field.invalid" })
    .min(1, "field.required")
    .max(MAX_SLUG, "field.tooLong")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "field.networks.slug"),
);

export const networkNameField = requiredText(MAX_NETWORK_NAME);

/** An IANA zone the runtime knows ("Europe/Amsterdam"), in its canonical spelling. */
export const timeZoneField = z.preprocess(
  (value) => (typeof value === "string" ? canonicalTimeZone(value.trim()) ?? "" : value),
  z.string({ invalid_type_error: "field.networks.timeZone" }).min(1, "field.networks.timeZone"),
);

function canonicalTimeZone(zone: string): string | undefined {
  if (zone === "") return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined; // a RangeError is the runtime's "unknown zone": reported as a field error
  }
}

const languageWords: Record<string, "nl" | "en"> = { nl: "nl", nederlands: "nl", dutch: "nl", en: "en", engels: "en", english: "en" };

export const languageField = z.preprocess(
  (value) => (typeof value === "string" ? languageWords[value.trim().toLowerCase()] ?? value : value),
  z.enum(["nl", "en"], { errorMap: () => ({ message: "field.networks.language" }) }),
);

export const MEMBERSHIP_CONDITIONS = ["PLACEMENT_REPORTING", "INTENTIEVERKLARING", "CONVENANT", "CO2_CALCULATOR"] as const;
export type MembershipConditionValue = (typeof MEMBERSHIP_CONDITIONS)[number];

// The CLI's spellings (placement-reporting, …), the Dutch words networks use, and the enum names.
const conditionWords: Record<string, MembershipConditionValue> = {
  "placement-reporting": "PLACEMENT_REPORTING", placement_reporting: "PLACEMENT_REPORTING", plaatsingsrapportage: "PLACEMENT_REPORTING",
  "plaatsingen-rapporteren": "PLACEMENT_REPORTING", rapportage: "PLACEMENT_REPORTING", rapporteren: "PLACEMENT_REPORTING",
  intentieverklaring: "INTENTIEVERKLARING", "declaration-of-intent": "INTENTIEVERKLARING",
  convenant: "CONVENANT", covenant: "CONVENANT",
  "co2-calculator": "CO2_CALCULATOR", co2_calculator: "CO2_CALCULATOR", co2calculator: "CO2_CALCULATOR", "co2-rekentool": "CO2_CALCULATOR", co2: "CO2_CALCULATOR",
};

export const conditionField = z.preprocess(
  (value) => (typeof value === "string" ? conditionWords[value.trim().toLowerCase()] ?? value : value),
  z.enum(MEMBERSHIP_CONDITIONS, { errorMap: () => ({ message: "field.networks.condition" }) }),
);

/**
 * "Sanne de Vries sanne@netwerk.nl" or "Sanne de Vries <sanne@netwerk.nl>": the address is the
 * last word (with or without angle brackets), the name everything before it.
 */
export function splitNameAndEmail(text: string): { name: string; email: string } | undefined {
  const match = /^(.*?)[\s,]*<?([^\s<>]+@[^\s<>]+?)>?\s*$/.exec(text.trim());
  if (!match) return undefined;
  return { name: match[1]!.trim().replace(/^"(.*)"$/, "$1"), email: match[2]! };
}

export const personField = z.preprocess(
  // Text without an address stays text, which the object schema refuses as "name and address".
  (value) => (typeof value === "string" ? splitNameAndEmail(value) ?? value : value),
  z.object(
    { name: requiredText(MAX_PERSON_NAME), email: emailField },
    { invalid_type_error: "field.networks.person" },
  ),
);

export const createNetworkInput = z.object({
  slug: slugField,
  name: networkNameField,
  coordinator: personField,
  timeZone: timeZoneField.optional(),
  language: languageField.optional(),
  condition: conditionField.optional(),
  parent: slugField.optional(),
});
export type CreateNetworkInput = z.input<typeof createNetworkInput>;

export const editNetworkInput = z.object({
  slug: slugField,
  name: networkNameField.optional(),
  /** A slug, or null to make it a top network again. */
  parent: slugField.nullable().optional(),
  timeZone: timeZoneField.optional(),
  language: languageField.optional(),
  condition: conditionField.optional(),
});
export type EditNetworkInput = z.input<typeof editNetworkInput>;

export const addCoordinatorInput = z.object({ network: slugField, coordinator: personField });
export const removeCoordinatorInput = z.object({ network: slugField, email: emailField });

// Slack: a workspace (team) id T…, or an Enterprise Grid organisation id E…, uppercase
// alphanumerics. Teams: the Microsoft Entra tenant id, a GUID, compared in lowercase.
const SLACK_ID = /^[TE][A-Z0-9]{2,20}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const workspaceField = z.discriminatedUnion("platform", [
  z.object({
    platform: z.literal("SLACK"),
    tenantId: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.string({ required_error: "field.required" }).regex(SLACK_ID, "field.networks.slackTeam")),
  }),
  z.object({
    platform: z.literal("TEAMS"),
    tenantId: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.string({ required_error: "field.required" }).regex(GUID, "field.networks.teamsTenant")),
  }),
]);
export type Workspace = z.infer<typeof workspaceField>;

export const bindInput = z.object({
  network: slugField,
  workspaces: z.array(workspaceField).min(1, "field.networks.noWorkspace").max(50, "field.tooMany"),
});
export const unbindInput = z.object({ network: slugField, workspace: workspaceField });
export const bindingsInput = z.object({ network: slugField.optional() });
