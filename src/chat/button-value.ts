import type { z } from "zod";

// Button values are JSON we wrote, but they come back through Slack and Teams, so they are
// outside input: bounded, parsed, validated, and anything else is "this button no longer works".
const MAX_BUTTON_VALUE = 2_000;

export function parseButtonValue<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: string): T | null {
  if (value.length > MAX_BUTTON_VALUE) return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    // Not JSON: a tampered or outdated button; the caller answers like for an unknown button.
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
