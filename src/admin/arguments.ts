import { parseArgs, type ParseArgsConfig } from "node:util";
import type { UserError, Result } from "../core/result.js";
import { translator } from "../i18n/index.js";
import { AdminError } from "./command.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** util.parseArgs with Dutch messages: an unknown flag or a missing value is a usage error (64). */
export function parseFlags<O extends Options>(args: string[], options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail =
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? `Onbekende optie ${quotedOption(error)}.`
        : code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
          ? `De optie ${quotedOption(error)} heeft een waarde nodig.`
          : code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
            ? `Onverwacht argument ${quotedOption(error)}. Zet een naam met spaties tussen aanhalingstekens.`
            : undefined;
    if (!detail) throw error;
    throw new AdminError(`${detail}\nGebruik: npm run admin -- ${usage}`, 64);
  }
}

function quotedOption(error: unknown): string {
  const found = /'([^']+)'/.exec(String((error as Error).message));
  return found ? `"${found[1]}"` : "";
}

/** A flag left out is a usage error; one given empty goes on to the use case, which says what is wrong with it. */
export function requireFlag(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined) throw new AdminError(`${flag} ontbreekt.\nGebruik: npm run admin -- ${usage}`, 64);
  return value;
}

const dutch = translator("nl");

/**
 * A core refusal as the Dutch text the admin sees, with the flag each field error belongs to
 * (`flagOf` maps a field path such as "coordinator.email" to "--coordinator").
 */
export function failureText(error: UserError, flagOf: (field: string) => string): string {
  if (error.key !== "error.invalidInput") return dutch(error.key, error.params);
  const lines = Object.entries(error.fields ?? {}).map(([field, message]) => `${flagOf(field)}: ${dutch(message.key, message.params)}`);
  return lines.length > 0 ? lines.join("\n") : dutch("field.invalid");
}

/** The value of a successful use case, or an AdminError with its Dutch refusal (exit code 1). */
export function unwrap<T>(result: Result<T>, flagOf: (field: string) => string = (field) => `--${field.split(".")[0]}`): T {
  if (result.ok) return result.value;
  throw new AdminError(failureText(result.error, flagOf), result.error.reason === "invalid" ? 65 : 1);
}
