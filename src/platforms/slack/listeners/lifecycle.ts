import type { App } from "@slack/bolt";
import { deleteInstallations } from "../../../core/platform-links/workspace-installations.js";
import type { Db } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { eventEnvelope } from "../payloads.js";

/** An uninstalled workspace (or revoked bot token) must not keep a usable token in our database. */
export function registerLifecycle(app: App, db: Db, logger: Logger): void {
  const forget = async (body: unknown) => {
    const teamId = eventEnvelope.parse(body).team_id;
    if (!teamId) return;
    const count = await deleteInstallations(db, { teamId });
    logger.info({ teamId, removed: count }, "Slack: installatie verwijderd");
  };
  app.event("app_uninstalled", async ({ body }) => forget(body));
  app.event("tokens_revoked", async ({ body, event }) => {
    if ((event as { tokens?: { bot?: unknown[] } }).tokens?.bot?.length) await forget(body);
  });
}
