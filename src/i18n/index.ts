import { catalogue, type Locale, type MessageKey } from "./catalogue.js";
import { formatMessage, type MessageParams } from "./message-format.js";

export { locales, type Locale, type MessageKey } from "./catalogue.js";
export { NumberParamError, type MessageParams } from "./message-format.js";

/** A message to show a person, not yet in their language. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Who reads the message: a coordinator is never told to ask their coordinator. */
export type Reader = "member" | "coordinator";

/** A message written for coordinators instead, under the same key with this suffix. */
export const COORDINATOR_VARIANT = ".forCoordinator";

/** One translator per locale: fan-out code creates one per recipient, never shares a global. */
export function translator(locale: Locale, reader: Reader = "member"): Translate {
  const messages: Record<string, string> = catalogue[locale];
  if (reader === "member") return (key, params) => formatMessage(locale, messages[key]!, params);
  return (key, params) => formatMessage(locale, messages[`${key}${COORDINATOR_VARIANT}`] ?? messages[key]!, params);
}

export function translate(locale: Locale, message: Message): string {
  return translator(locale)(message.key, message.params);
}

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}
