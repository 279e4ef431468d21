/** A domain's messages in both languages; Dutch is the source, English must have every key. */
export function defineMessages<const T extends Record<string, string>>(messages: {
  nl: T;
  en: { [K in keyof T]: string };
}) {
  return messages;
}
