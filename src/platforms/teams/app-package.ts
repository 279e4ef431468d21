import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { z } from "zod";

/**
 * The Teams app package: manifest.json with its ${{PLACEHOLDERS}} filled from env, the English
 * localisation and both icons, validated against the v1.30 manifest JSON schema (shipped in
 * manifests/teams/schema, from @microsoft/app-manifest) before it is zipped.
 */
const dir = new URL("../../../manifests/teams/", import.meta.url);
export const PACKAGE_FILES = ["manifest.json", "en.json", "color.png", "outline.png"] as const;

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "moet een GUID zijn (Azure Bot app-id)");
const packageEnv = z.object({
  MICROSOFT_APP_ID: guid,
  TEAMS_APP_ID: guid.optional(),
  PUBLIC_URL: z.string().url().refine((u) => u.startsWith("https://"), "moet https:// zijn (Teams eist dat)"),
});

export function renderManifest(source: NodeJS.ProcessEnv): Record<string, unknown> {
  const env = packageEnv.parse(source);
  const publicUrl = env.PUBLIC_URL.replace(/\/$/, "");
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: env.MICROSOFT_APP_ID,
    TEAMS_APP_ID: env.TEAMS_APP_ID ?? env.MICROSOFT_APP_ID,
    PUBLIC_URL: publicUrl,
    BOT_DOMAIN: new URL(publicUrl).host,
  };
  const template = readFileSync(new URL("manifest.json", dir), "utf8");
  return JSON.parse(template.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole));
}

export function manifestProblems(manifest: unknown, which: "manifest" | "localization" = "manifest"): string[] {
  const validate = validator(which);
  return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

export async function buildTeamsPackage(source: NodeJS.ProcessEnv): Promise<Buffer> {
  const manifest = renderManifest(source);
  const localization = JSON.parse(readFileSync(new URL("en.json", dir), "utf8"));
  const problems = [...manifestProblems(manifest), ...manifestProblems(localization, "localization")];
  if (problems.length) throw new Error(`Teams-manifest ongeldig:\n${problems.join("\n")}`);
  const zip = new JSZip();
  zip.file("manifest.json", JSON.stringify(manifest, null, 2));
  zip.file("en.json", JSON.stringify(localization, null, 2));
  zip.file("color.png", readFileSync(new URL("color.png", dir)));
  zip.file("outline.png", readFileSync(new URL("outline.png", dir)));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const compiled = new Map<string, ReturnType<Ajv["compile"]>>();
function validator(which: "manifest" | "localization") {
  const cached = compiled.get(which);
  if (cached) return cached;
  const file = which === "manifest" ? "MicrosoftTeams.schema.json" : "MicrosoftTeams.Localization.schema.json";
  const schema = JSON.parse(readFileSync(new URL(`schema/${file}`, dir), "utf8"));
  // Microsoft labels these schemas draft-04 but uses later keywords (const); Ajv's default
  // draft reads them as meant once the label is dropped.
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  compiled.set(which, validate);
  return validate;
}
