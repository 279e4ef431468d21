import { expect, it, vi } from "vitest";
import { actorForIdentity } from "../../src/core/members/actor-lookup.js";
import { myReports } from "../../src/core/reporting/my-reports.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { openDatabase } from "../../src/db/database.js";
import { changesDelivered, describeEachDatabase, postgresServerUrl, resetDatabase, withDatabaseName } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";

// The read cache must never show what the database no longer holds: every write, by this
// process, by another instance or by hand in SQL, drops what it fed.
const slackJoost = { platform: "SLACK" as const, tenantId: "T1", externalUserId: "U_JOOST" };

describeEachDatabase("read cache", (use, kind) => {
  async function seeded() {
    const db = use();
    const demo = await seedDemo(db);
    const joost = await demo.actor("bakeryHr");
    await db.prisma.platformIdentity.create({ data: { personId: joost.personId, ...slackJoost } });
    await changesDelivered(db);
    return { db, deps: depsFor(db), joost, ...demo };
  }

  it("reads an employer's reports once, then from memory, and again after a report is submitted", async () => {
    const { db, deps, joost } = await seeded();
    const before = db.cache.stats();

    const first = await myReports(deps, joost);
    await myReports(deps, joost);
    expect(db.cache.stats().misses - before.misses).toBe(1);
    expect(db.cache.stats().hits - before.hits).toBe(1);
    expect(first.ok && first.value.current.reported).toBe(false);

    await submitReport(deps, joost, { realised: 3, ambition: 13 }, "SLACK");
    await vi.waitFor(async () => {
      const after = await myReports(deps, joost);
      expect(after.ok && after.value.current.reported).toBe(true);
      expect(after.ok && after.value.reports[0]).toMatchObject({ label: "Q4 2026", realised: 3, cumulative: (first.ok ? first.value.progress.cumulative : NaN) + 3 });
      expect(after.ok && after.value.progress.ambition).toBe(13);
    });
  });

  it("sees a change made in SQL by something other than the bot", async () => {
    const { db, deps, joost } = await seeded();
    const cached = await myReports(deps, joost);
    expect(cached.ok && cached.value.employerName).toBe("Bakkerij De Korenschoof");
    const hits = db.cache.stats().hits;
    await myReports(deps, joost);
    expect(db.cache.stats().hits).toBe(hits + 1); // held in memory, so the change must reach it

    await db.prisma.$executeRaw`UPDATE "Employer" SET name = 'Korenschoof & Zn.' WHERE id = ${joost.employerId}`;

    await vi.waitFor(async () => {
      const fresh = await myReports(deps, joost);
      expect(fresh.ok && fresh.value.employerName).toBe("Korenschoof & Zn.");
    });
  });

  it("keeps what a rolled-back write did not change", async () => {
    const { db, deps, joost } = await seeded();
    await myReports(deps, joost);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.employer.update({ where: { id: joost.employerId! }, data: { name: "Nooit" } });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    await changesDelivered(db);
    const hits = db.cache.stats().hits;

    const again = await myReports(deps, joost);

    expect(again.ok && again.value.employerName).toBe("Bakkerij De Korenschoof");
    expect(db.cache.stats().hits).toBe(hits + 1);
  });

  it("applies a role change and an unlinked identity to the very next request", async () => {
    const { db, deps, joost } = await seeded();
    expect(await actorForIdentity(deps, slackJoost)).toMatchObject({ personId: joost.personId, role: "MEMBER" });
    const hits = db.cache.stats().hits;
    await actorForIdentity(deps, slackJoost);
    expect(db.cache.stats().hits).toBe(hits + 1); // held in memory, so the change must reach it

    await db.prisma.person.update({ where: { id: joost.personId }, data: { role: "COORDINATOR" } });
    await vi.waitFor(async () => expect(await actorForIdentity(deps, slackJoost)).toMatchObject({ role: "COORDINATOR" }));

    await db.prisma.platformIdentity.deleteMany({ where: { personId: joost.personId } });
    await vi.waitFor(async () => expect(await actorForIdentity(deps, slackJoost)).toBeNull());
  });

  it("follows the network's language for people without their own", async () => {
    const { db, deps, joost, networkId } = await seeded();
    await db.prisma.person.update({ where: { id: joost.personId }, data: { locale: null } });
    await vi.waitFor(async () => expect(await actorForIdentity(deps, slackJoost)).toMatchObject({ locale: "nl" }));

    await db.prisma.network.update({ where: { id: networkId }, data: { defaultLocale: "en" } });

    await vi.waitFor(async () => expect(await actorForIdentity(deps, slackJoost)).toMatchObject({ locale: "en" }));
  });

  it("forgets everything when the tables are emptied", async () => {
    const { db, deps } = await seeded();
    expect(await actorForIdentity(deps, slackJoost)).not.toBeNull();

    await resetDatabase(db);

    await vi.waitFor(async () => expect(await actorForIdentity(deps, slackJoost)).toBeNull());
  });

  if (kind === "pglite") {
    it("in the embedded database, a writer's next read sees its own change without waiting", async () => {
      const { deps, joost } = await seeded();
      await myReports(deps, joost);
      await submitReport(deps, joost, { realised: 5, ambition: 12 }, "SLACK");
      const mine = await myReports(deps, joost);
      expect(mine.ok && mine.value.reports[0]).toMatchObject({ realised: 5 });
    });
  }

  if (kind === "postgres") {
    it("drops what another instance changed, within moments", async () => {
      const { db, deps, joost } = await seeded();
      const [{ name }] = await db.prisma.$queryRaw<[{ name: string }]>`SELECT current_database()::text AS name`;
      const other = await openDatabase({ kind: "postgres", url: withDatabaseName(postgresServerUrl, name), poolSize: 2 }, { onConnectionError: () => {} });
      try {
        const otherDeps = depsFor(other);
        expect(await actorForIdentity(otherDeps, slackJoost)).toMatchObject({ role: "MEMBER" });
        const cached = await myReports(otherDeps, joost);
        expect(cached.ok && cached.value.current.reported).toBe(false);

        await submitReport(deps, joost, { realised: 2, ambition: 12 }, "TEAMS");
        await db.prisma.person.update({ where: { id: joost.personId }, data: { role: "COORDINATOR" } });

        await vi.waitFor(async () => {
          const seen = await myReports(otherDeps, joost);
          expect(seen.ok && seen.value.current.reported).toBe(true);
          expect(await actorForIdentity(otherDeps, slackJoost)).toMatchObject({ role: "COORDINATOR" });
        });
      } finally {
        await other.close();
      }
    });

    it("reads from the database while its change notifications are down, and caches again once they are back", async () => {
      const { db, deps, joost } = await seeded();
      await myReports(deps, joost);

      await db.prisma.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN netwerkbot_changes'`;
      await vi.waitFor(() => expect(db.changes.live).toBe(false));
      // Notifications sent now are lost to this instance: it must not trust its memory.
      await db.prisma.employer.update({ where: { id: joost.employerId! }, data: { name: "Tijdens de storing" } });
      const during = await myReports(deps, joost);
      expect(during.ok && during.value.employerName).toBe("Tijdens de storing");

      await vi.waitFor(() => expect(db.changes.live).toBe(true), { timeout: 10_000 });
      await myReports(deps, joost);
      const hits = db.cache.stats().hits;
      const after = await myReports(deps, joost);
      expect(after.ok && after.value.employerName).toBe("Tijdens de storing");
      expect(db.cache.stats().hits).toBe(hits + 1);
    });
  }
});
