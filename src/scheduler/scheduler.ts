import cron from "node-cron";
import type { Db } from "../db/database.js";
import type { Logger } from "../logger.js";
import { databaseRunCoordinator } from "./coordinator.js";
import { runSchedulerTick, TICK_JOB, type TickOptions } from "./tick.js";

export interface SchedulerOptions extends TickOptions {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** Every minute by default; campaign moments are at whole hours, event reminders need minutes. */
  cronExpression?: string;
}

export interface Scheduler {
  /** Runs once now: catches up whatever was missed while no instance was running. */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * node-cron ticks, coordinated through the database so that with several instances each
 * tick runs on one of them. Correctness does not depend on that: every campaign moment is
 * claimed again inside the tick, in the transaction that enqueues its messages.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, logger } = options;
  const tick = async () => {
    const result = await runSchedulerTick(db, options.now(), options);
    for (const run of result.campaigns) logger.info(run, "Campagnemoment uitgevoerd");
    if (result.eventReminders) logger.info({ count: result.eventReminders }, "Eventherinneringen ingepland");
  };
  const task = cron.schedule(
    options.cronExpression ?? "* * * * *",
    async () => {
      try {
        await tick();
      } catch (error) {
        logger.error({ err: error }, "Planner: tik mislukt");
      }
    },
    {
      name: TICK_JOB,
      distributed: true,
      runCoordinator: databaseRunCoordinator(db, options.instanceId),
      noOverlap: true,
      suppressMissedWarning: true,
    },
  );
  return {
    catchUp: tick,
    async stop() {
      await task.destroy();
    },
  };
}
