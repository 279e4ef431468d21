import { catalogue, type Locale, type MessageKey } from "./catalogue.js";

export { locales, type Locale, type MessageKey } from "./catalogue.js";

export type MessageParams = Record<string, string | number>;

/** A message to show a person, not yet in their language. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** One translator per locale: fan-out code creates one per recipient, never shares a global. */
export function translator(locale: Locale): Translate {
  const messages = catalogue[locale];
  return (key, params) => interpolate(messages[key], params);
}

export function translate(locale: Locale, message: Message): string {
  return translator(locale)(message.key, message.params);
}

// Replies interpolate dozens of messages each: split every template once into its literal
// parts (even indexes) and placeholder names (odd indexes).
const compiled = new Map<string, string[]>();

function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1];
  }
  return out;
}

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}
