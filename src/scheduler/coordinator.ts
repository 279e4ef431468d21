import type { RunCoordinator } from "node-cron";
import type { Db } from "../db/database.js";

// node-cron names a fire `<task name>:<ISO time of the slot>`.
const fireKey = /^(.*):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)$/;

/**
 * node-cron's run coordinator backed by the ScheduledRun table: the first instance to insert
 * (job, fireAt) runs that fire, every other instance skips it. The row stays, so a fire is
 * never run twice however late an instance is (the lease TTL node-cron passes is not needed).
 */
export function databaseRunCoordinator(db: Db, instanceId: string): RunCoordinator {
  return {
    async shouldRun(key) {
      const { job, fireAt } = parseKey(key);
      const { count } = await db.scheduledRun.createMany({ data: { job, fireAt, claimedBy: instanceId }, skipDuplicates: true });
      return count === 1;
    },
    async onComplete(key) {
      const { job, fireAt } = parseKey(key);
      await db.scheduledRun.updateMany({ where: { job, fireAt, claimedBy: instanceId }, data: { finishedAt: new Date() } });
    },
  };
}

function parseKey(key: string): { job: string; fireAt: Date } {
  const match = fireKey.exec(key);
  if (!match) throw new Error(`unexpected node-cron run key: ${key}`);
  return { job: match[1]!, fireAt: new Date(match[2]!) };
}
