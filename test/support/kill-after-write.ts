// Child process for the restart test: writes through a PGlite data dir, then dies with SIGKILL
// (no close, no flush) right after the write has been acknowledged.
import { openDatabase } from "../../src/db/database.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { actorForPerson } from "../../src/core/members/actor-lookup.js";
import { demoEmails, seedDemoData } from "../../src/demo/demo-data.js";

const dataDir = process.argv[2]!;
const now = new Date("2026-11-25T10:00:00Z");
const db = await openDatabase({ kind: "pglite", dataDir });
await seedDemoData(db.prisma, now);
const person = await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.bakeryHr } });
const actor = (await actorForPerson(db.prisma, person.id))!;
const result = await submitReport({ db: db.prisma, cache: db.cache, now: () => now }, actor, { realised: 7, ambition: 12 }, "SLACK");
process.stdout.write(JSON.stringify(result.ok && "reportId" in result.value ? { reportId: result.value.reportId } : { error: result.ok ? "needsConfirmation" : result.error }) + "\n", () => {
  process.kill(process.pid, "SIGKILL");
});
