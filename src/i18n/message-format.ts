import { IntlMessageFormat } from "intl-messageformat";
import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  type MessageFormatElement,
} from "@formatjs/icu-messageformat-parser";
import type { Locale } from "./catalogue.js";
import { localeTags } from "./format.js";

export type MessageParams = Record<string, string | number>;

/** A count or number given as text: "1.234" means 1234 in Dutch and 1.234 in English, so only a number will do. */
export class NumberParamError extends TypeError {
  constructor(readonly param: string, readonly template: string) {
    super(`Message parameter "${param}" is a count and must be a number: ${template}`);
  }
}

export type ArgumentKind = "text" | "number";

/** Every argument of an ICU message, and whether it counts (plural, selectordinal, number) or is text. */
export function argumentsOf(elements: MessageFormatElement[], found = new Map<string, ArgumentKind>()): Map<string, ArgumentKind> {
  for (const el of elements) {
    if (isPluralElement(el) || isNumberElement(el)) found.set(el.value, "number");
    else if ((isArgumentElement(el) || isSelectElement(el) || isDateElement(el) || isTimeElement(el)) && !found.has(el.value)) found.set(el.value, "text");
    if (isPluralElement(el) || isSelectElement(el)) for (const option of Object.values(el.options)) argumentsOf(option.value, found);
    if (isTagElement(el)) argumentsOf(el.children, found);
  }
  return found;
}

interface Compiled {
  format: IntlMessageFormat;
  args: Map<string, ArgumentKind>;
}

// Parsing an ICU message costs far more than formatting it, and replies format dozens of
// messages each: parse every template once per locale.
const compiled = new Map<string, Compiled>();

function compile(locale: Locale, template: string): Compiled {
  const cacheKey = `${locale}\u0000${template}`;
  let entry = compiled.get(cacheKey);
  if (!entry) {
    // ignoreTag: usage texts write "<naam>" for what to type; they are words, not markup.
    const format = new IntlMessageFormat(template, localeTags[locale], undefined, { ignoreTag: true });
    compiled.set(cacheKey, (entry = { format, args: argumentsOf(format.getAst()) }));
  }
  return entry;
}

/**
 * Formats an ICU message. Plain text (no braces, no apostrophes) is returned as it is, without
 * parsing. A missing text parameter stays visible as `{name}`; with a missing count the
 * template is returned as written, since no plural form can be chosen without the number.
 */
export function formatMessage(locale: Locale, template: string, params?: MessageParams): string {
  if (!/[{}']/.test(template)) return template;
  const { format, args } = compile(locale, template);
  const values: Record<string, string | number> = {};
  for (const [name, kind] of args) {
    const value = params?.[name];
    if (value === undefined) {
      if (kind === "number") return template;
      values[name] = `{${name}}`;
    } else if (kind === "number" && typeof value !== "number") {
      throw new NumberParamError(name, template);
    } else values[name] = value;
  }
  return format.format(values) as string;
}
