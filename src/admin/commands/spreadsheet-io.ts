import { open, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ParseArgsConfig } from "node:util";
import { z } from "zod";
import type { Actor } from "../../core/actor.js";
import { adminActor } from "../../core/dashboard/sign-in.js";
import type { SpreadsheetFile } from "../../core/import/export-members.js";
import { MAX_FILE_BYTES } from "../../core/import/read-file.js";
import type { UserError } from "../../core/result.js";
import { translate } from "../../i18n/index.js";
import { AdminError, type AdminContext } from "../command.js";
import { parseFlags as parseDutchFlags } from "../arguments.js";

// What the import and export commands share: flags, the network to act for, files in and out.

export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T, usage: string) {
  // The shared parser says in Dutch what is wrong with a flag (Node's own messages are English).
  return parseDutchFlags(args, options, usage, true);
}

export const formatFlag = z.enum(["csv", "xlsx"], { errorMap: () => ({ message: "--format is csv of xlsx." }) }).default("csv");
const slugFlag = z.string({ required_error: "Geef het netwerk met --network <slug>." }).trim().min(1, "Geef het netwerk met --network <slug>.").max(100);

export function parsed<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AdminError(result.error.issues[0]!.message, 64);
  return result.data;
}

/** The host acts as a coordinator of the network named by its slug, like the dashboard's admin session. */
export async function coordinatorOf(ctx: AdminContext, slug: unknown): Promise<Actor> {
  const wanted = parsed(slugFlag, slug);
  const actor = await adminActor(ctx.deps, wanted);
  if (!actor) throw new AdminError(`Netwerk "${wanted}" bestaat niet. Maak het eerst met npm run admin -- network create.`);
  return { ...actor, locale: "nl" };
}

export function refusal(error: UserError): AdminError {
  return new AdminError(translate("nl", error));
}

/** Reads at most one byte past the limit, so a huge file is refused without loading it whole. */
export async function readUpload(file: string): Promise<Uint8Array> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new AdminError(error.code === "ENOENT" ? `Bestand niet gevonden: ${file}` : `Kan ${file} niet lezen: ${error.message}`);
  });
  try {
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Writes the file to --out, or under its own name in the current folder; "-" writes to standard output. */
export async function writeOutput(ctx: AdminContext, file: SpreadsheetFile, out: string | undefined): Promise<void> {
  if (out === "-") {
    process.stdout.write(file.content);
    return;
  }
  const target = path.resolve(out ?? file.filename);
  await writeFile(target, file.content);
  ctx.out(`Geschreven: ${target}`);
}
