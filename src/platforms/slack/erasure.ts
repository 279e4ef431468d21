import type { ErasureHook } from "../../core/members/erasure/hooks.js";
import { scrubInstallations } from "../../core/platform-links/workspace-installations.js";

/**
 * Slack's clean-up on erasure: an installation's JSON names the user who installed the app.
 * Loaded without Bolt, so it is registered in every deployment (rows stay after Slack is switched off).
 */
export const slackErasure: ErasureHook = {
  name: "slackInstallations",
  tables: ["SlackInstallation"],
  run: ({ tx, subject }) => scrubInstallations(tx, subject.strings),
};
