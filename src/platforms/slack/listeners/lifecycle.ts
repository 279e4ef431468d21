import type { App } from "@slack/bolt";
import type { Db } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { eventEnvelope } from "../payloads.js";

/** An uninstalled workspace (or revoked bot token) must not keep a usable token in our database. */
export function registerLifecycle(app: App, db: Db, logger: Logger): void {
  const forget = async (body: unknown) => {
    const teamId = eventEnvelope.parse(body).team_id;
    if (!teamId) return;
    const { count } = await db.slackInstallation.deleteMany({ where: { teamId } });
    logger.info({ teamId, removed: count }, "Slack: installatie verwijderd");
  };
  // One listener for both: Bolt runs every registered listener's matcher on every request.
  app.event(/^(app_uninstalled|tokens_revoked)$/, async ({ body, event }) => {
    const botTokenGone = event.type === "app_uninstalled" || Boolean((event as { tokens?: { bot?: unknown[] } }).tokens?.bot?.length);
    if (botTokenGone) await forget(body);
  });
}
