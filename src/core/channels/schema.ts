import { z } from "zod";

// What people type after `kanaal`: Dutch and English words, "e-mail" with or without the hyphen;
// "automatisch" hands the choice back to the bot (most recent chat link, else e-mail).
const words: Record<string, "SLACK" | "TEAMS" | "EMAIL" | null> = {
  slack: "SLACK",
  teams: "TEAMS",
  "e-mail": "EMAIL",
  email: "EMAIL",
  mail: "EMAIL",
  automatisch: null,
  auto: null,
  automatic: null,
};

export const channelInput = z.object({
  channel: z
    .string()
    .trim()
    .toLowerCase()
    .refine((word) => word in words, "channels.invalid")
    .transform((word) => words[word]!),
});
