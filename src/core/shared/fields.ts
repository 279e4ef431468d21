import { z } from "zod";

// Shared field shapes. Messages are i18n keys; core/result.ts turns them into field errors.

/** A whole count typed by a person: accepts 12 or " 12 ", refuses "", "1.5", "-3", "12abc". */
export const countField = (max: number) =>
  z.preprocess(
    (value) => {
      if (typeof value !== "string") return value;
      if (value.trim() === "") return undefined;
      return /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    },
    z
      .number({ required_error: "field.required", invalid_type_error: "field.notANumber" })
      .int("field.notANumber")
      .min(0, "field.negative")
      .max(max, "field.tooLarge"),
  );

/** Free text: trimmed, control characters removed, bounded. Empty becomes undefined. */
export const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? cleanText(value) || undefined : value ?? undefined),
    z.string({ invalid_type_error: "field.invalid" }).max(max, "field.tooLong").optional(),
  );

export const requiredText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? cleanText(value) : value),
    z
      .string({ required_error: "field.required", invalid_type_error: "field.invalid" })
      .min(1, "field.required")
      .max(max, "field.tooLong"),
  );

export const idField = z.string({ required_error: "field.required" }).min(1, "field.required").max(64, "field.invalid");

/** Strips control characters (keeping newlines and tabs) that would corrupt chat rendering. */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, "").trim();
}
