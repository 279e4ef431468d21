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

/** One translator per locale: fan-out code creates one per recipient, never shares a global. */
export function translator(locale: Locale): Translate {
  const messages = catalogue[locale];
  return (key, params) => formatMessage(locale, messages[key], params);
}

export function translate(locale: Locale, message: Message): string {
  return translator(locale)(message.key, message.params);
}

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}
