import { ConfigError, noPlatformProblem } from "../config.js";
import type { Database } from "../db/database.js";
import { demoNetwork } from "./demo-data.js";

/**
 * DEMO=auto: the playground lets anyone act as anyone, so it starts by itself only on the
 * embedded database holding nothing but the fictional demo network (a fresh clone). Real
 * networks there mean a deployment whose platform settings went missing: stop and say so.
 */
export async function assertDemoDatabase(db: Database): Promise<void> {
  if (db.kind !== "pglite") throw new ConfigError([noPlatformProblem("Geen Slack of Teams ingesteld, en op PostgreSQL start de demo-modus niet vanzelf.")]);
  const others = await db.prisma.network.count({ where: { slug: { not: demoNetwork.slug } } });
  if (others === 0) return;
  const networks = others === 1 ? "een netwerk" : `${others} netwerken`;
  throw new ConfigError([noPlatformProblem(`Geen Slack of Teams ingesteld, en de ingebouwde database bevat ${networks} naast het demonetwerk.`)]);
}
