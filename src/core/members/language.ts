import type { Locale } from "../../i18n/index.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { languageInput } from "./schema.js";

/** The language the bot speaks to the actor from now on, on every platform. */
export async function setLanguage(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ locale: Locale }>> {
  const parsed = languageInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  await deps.db.person.update({ where: { id: actor.personId }, data: { locale: parsed.data.locale } });
  return ok({ locale: parsed.data.locale });
}
