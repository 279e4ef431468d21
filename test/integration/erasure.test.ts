import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDownloadLink } from "../../src/core/downloads/download-links.js";
import { erasePersonData } from "../../src/core/members/erase-data.js";
import { enqueueNotifications } from "../../src/core/outbox/enqueue.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import type { OutboxSender } from "../../src/delivery/sender.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { createTestDatabase, describeEachDatabase, type DatabaseKind } from "../support/databases.js";
import { depsFor, fixedNow, seedDemo } from "../support/fixtures.js";

/** Every identifier of Joost that the erasure must remove from the database, files included. */
const joostIds = {
  name: "Joost Bakker",
  email: demoEmails.bakeryHr,
  slack: "U0JOOSTS15",
  teams: "29:1joost-teams-s15",
  aad: "5b3e1f0c-joost-aad-s15",
};
const identifiers = Object.values(joostIds);

/** Gives Joost a row in every table that can hold a person: what a year of use leaves behind. */
async function giveJoostEverything(db: Database) {
  const { actor, networkId } = await seedDemo(db);
  const joost = await actor("bakeryHr");
  const sanne = await actor("coordinator");
  const p = db.prisma;
  const personId = joost.personId;
  await p.platformIdentity.create({ data: { personId, platform: "SLACK", tenantId: "T0DEMO", externalUserId: joostIds.slack } });
  await p.platformIdentity.create({ data: { personId, platform: "TEAMS", tenantId: "tenant-99vandemo", externalUserId: joostIds.aad } });
  const user = { id: joostIds.teams, name: joostIds.name, aadObjectId: joostIds.aad };
  const reference = (conversation: string) => ({ bot: { id: "28:bot", name: "Netwerkbot" }, user, conversation: { id: conversation }, serviceUrl: "https://smba.example/", channelId: "msteams" });
  await p.teamsConversation.create({ data: { conversationId: "a:joost-personal", tenantId: "tenant-99vandemo", aadObjectId: joostIds.aad, kind: "personal", reference: reference("a:joost-personal") } });
  // A channel reference stored before references were kept without their sender: it names Joost.
  await p.teamsConversation.create({ data: { conversationId: "19:general@thread.tacv2", tenantId: "tenant-99vandemo", kind: "channel", teamId: "19:team", reference: reference("19:general@thread.tacv2") } });
  await enqueueNotifications(p, [{ kind: "campaign.summary", personId, idempotencyKey: "s15:pending", data: { networkName: "N", label: "Q4", employers: 1, reported: 0, responseRate: 0, realised: 0, ambition: 0, missing: [] }, notBefore: fixedNow }]);
  await p.outboxMessage.create({ data: { idempotencyKey: "s15:sent", platform: "SLACK", kind: "event.reminder", personId, address: { tenantId: "T0DEMO", userId: joostIds.slack }, payload: { name: joostIds.name }, status: "SENT", sentAt: fixedNow } });
  await p.outboxMessage.create({ data: { idempotencyKey: "s15:held", platform: "TEAMS", kind: "event.reminder", personId, address: { tenantId: "tenant-99vandemo", userId: joostIds.aad }, payload: { name: joostIds.name }, status: "SENDING", lockedBy: "other-instance", lockedUntil: new Date(fixedNow.getTime() + 60_000) } });
  const memberList = `naam,e-mail\n${joostIds.name},${joostIds.email}\n`;
  await p.importUpload.create({ data: { networkId, uploadedById: sanne.personId, sha256: "x", contentBase64: Buffer.from(memberList).toString("base64"), expiresAt: new Date(fixedNow.getTime() + 30 * 60_000) } });
  await p.joinRequest.create({ data: { networkId, platform: "SLACK", tenantId: "T0DEMO", externalUserId: joostIds.slack, name: joostIds.name, email: joostIds.email, status: "ACCEPTED", personId } });
  const text = await p.membershipConditionText.create({ data: { networkId, version: 1, text: "Wij verklaren…", createdById: personId } });
  await p.membershipConfirmation.create({ data: { employerId: joost.employerId!, textId: text.id, confirmedById: personId } });
  await p.auditLog.create({ data: { actorId: sanne.personId, action: "person.update", subjectType: "Person", subjectId: personId, details: { email: joostIds.email, slack: joostIds.slack } } });
  const period = await p.reportingPeriod.findFirstOrThrow({ where: { networkId } });
  await p.placementReport.upsert({
    where: { employerId_periodId: { employerId: joost.employerId!, periodId: period.id } },
    create: { employerId: joost.employerId!, periodId: period.id, realised: 2, remark: `Gebeld met ${joostIds.name}`, submittedById: personId, submittedVia: "SLACK" },
    update: { remark: `Gebeld met ${joostIds.name}`, submittedById: personId },
  });
  await p.dashboardSession.create({ data: { tokenHash: "s15-session", kind: "SESSION", personId, expiresAt: new Date(fixedNow.getTime() + 3_600_000) } });
  await createDownloadLink(depsFor(db), { personId, networkId }, { filename: "mijn-gegevens.json", mimeType: "application/json", content: JSON.stringify(joostIds) });
  await p.slackInstallation.create({ data: { teamId: "T0DEMO", networkId, installation: { team: { id: "T0DEMO" }, user: { id: joostIds.slack, scopes: [] }, bot: { token: "xoxb-x" } } } });
  const event = await p.event.findFirstOrThrow({ where: { networkId } });
  await p.rsvp.create({ data: { eventId: event.id, personId, response: "YES" } });
  await p.rsvpHistory.create({ data: { eventId: event.id, personId, response: "YES", waitlisted: false } });
  return { joost, sanne };
}

/** Every row of every table as text: what a logical dump holds. */
async function logicalDump(db: Database): Promise<string> {
  const tables = await db.prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public'`);
  const parts: string[] = [];
  for (const { t } of tables) parts.push(JSON.stringify(await db.prisma.$queryRawUnsafe(`SELECT row_to_json(x)::text AS r FROM "${t}" x`)));
  return parts.join("\n");
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}

/** Which identifiers occur (case-insensitively, as bytes) in which files. */
function occurrences(files: string[]): string[] {
  const found: string[] = [];
  const needles = identifiers.map((id) => ({ id, bytes: [Buffer.from(id), Buffer.from(id.toLowerCase()), Buffer.from(id.toUpperCase())] }));
  for (const file of files) {
    if (!existsSync(file)) continue;
    const content = readFileSync(file);
    for (const { id, bytes } of needles) if (bytes.some((b) => content.includes(b))) found.push(`${id} in ${path.basename(file)}`);
  }
  return found;
}

const present = (text: string) => identifiers.filter((id) => text.toLowerCase().includes(id.toLowerCase()));

describe.each<DatabaseKind>(["pglite", "postgres"])("erasure leaves no trace of the person [%s]", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let url: string | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (kind === "pglite") {
      // A data dir on disk (not in memory): its files are what is searched.
      dataDir = mkdtempSync(path.join(tmpdir(), "netwerkbot-erasure-"));
      db = await openDatabase({ kind: "pglite", dataDir });
      drop = async () => {
        if (!(db as { closed?: boolean }).closed) await db.close().catch(() => {});
        rmSync(dataDir!, { recursive: true, force: true });
      };
    } else {
      const handle = await createTestDatabase("postgres");
      ({ db, drop, url } = handle);
    }
  }, 120_000);
  afterAll(() => drop?.());

  it("finds none of name, e-mail, Slack id, Teams id and Entra id in a full dump or the raw data files after an erasure (what `verwijder gegevens` and `persoon verwijder` run)", async () => {
    const { joost, sanne } = await giveJoostEverything(db);
    expect(present(await logicalDump(db))).toEqual(identifiers);
    // The search can see them: before the erasure every identifier is in the files.
    if (kind === "pglite") {
      await db.prisma.$executeRawUnsafe("CHECKPOINT");
      expect(present(occurrences(filesUnder(dataDir!)).join(" "))).toEqual(identifiers);
    } else {
      const before = await rawFiles();
      if (before) expect(present(before.hits.join(" "))).toEqual(identifiers);
    }

    const result = await erasePersonData(depsFor(db), sanne, { person: joost.personId });
    expect(result.ok).toBe(true);

    expect(present(await logicalDump(db))).toEqual([]);
    const p = db.prisma;
    expect(await p.outboxMessage.count({ where: { personId: joost.personId } })).toBe(0);
    expect(await p.teamsConversation.count({ where: { aadObjectId: joostIds.aad } })).toBe(0);
    expect(await p.importUpload.count()).toBe(0);
    expect(await p.joinRequest.count()).toBe(0);
    expect(await p.downloadLink.count()).toBe(0);
    expect(await p.membershipConfirmation.findFirstOrThrow()).toMatchObject({ confirmedById: null });
    // Kept where it is needed: the channel reference for announcements, the report's counts.
    const channel = await p.teamsConversation.findUniqueOrThrow({ where: { conversationId: "19:general@thread.tacv2" } });
    expect(channel.reference).toMatchObject({ conversation: { id: "19:general@thread.tacv2" }, serviceUrl: "https://smba.example/" });
    expect(await p.placementReport.findMany({ where: { remark: { startsWith: "Gebeld" } } })).toMatchObject([{ employerId: joost.employerId, submittedById: null, remark: "Gebeld met [verwijderd]" }]);
    expect(await p.placementReport.count({ where: { submittedById: joost.personId } })).toBe(0);

    if (kind === "postgres") {
      const dump = execFileSync("pg_dump", ["--data-only", "--no-owner", url!], { maxBuffer: 256 * 1024 * 1024 }).toString();
      expect(dump).toContain("Verwijderd lid");
      expect(present(dump)).toEqual([]);
    }
    const files = await rawFiles();
    if (!files) return;
    expect(files.hits).toEqual([]);
  }, 120_000);

  /**
   * The identifiers found in the database's own files, after a CHECKPOINT has written every page:
   * PGlite's whole data dir (closed first, write-ahead log included); for PostgreSQL the table,
   * index and TOAST files of this database (pg_relation_filepath). Null when they cannot be read.
   */
  async function rawFiles(): Promise<{ hits: string[] } | null> {
    if (kind === "pglite") {
      await db.close();
      return { hits: occurrences(filesUnder(dataDir!)) };
    }
    const p = db.prisma;
    await p.$executeRawUnsafe("CHECKPOINT");
    const dir = (await p.$queryRawUnsafe<{ dir: string }[]>(`SELECT current_setting('data_directory') AS dir`))[0]!.dir;
    const relations = await p.$queryRawUnsafe<{ file: string; name: string }[]>(
      `SELECT pg_relation_filepath(c.oid) AS file, c.relname::text AS name FROM pg_class c
       WHERE c.relnamespace IN ('public'::regnamespace, 'pg_toast'::regnamespace) AND pg_relation_filepath(c.oid) IS NOT NULL`,
    );
    const files = relations.map((r) => path.join(dir, r.file)).filter((f) => existsSync(f));
    if (files.length === 0) {
      console.warn(`PostgreSQL data files not readable here (${dir}); only the dump was searched`);
      return null;
    }
    return { hits: occurrences(files).map((hit) => `${hit} (${relations.find((r) => hit.endsWith(path.basename(r.file)))?.name})`) };
  }
});

describeEachDatabase("erasure and messages in flight on another instance", (use) => {
  /** A port whose platform call waits for the test; `during` runs inside it, as a Teams send writes its conversation row. */
  function gatedSender(during?: () => Promise<void>) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: { stage: "prepare" | "send"; key: string }[] = [];
    let gateAt: "prepare" | "send" = "send";
    const sender: OutboxSender = {
      platform: "WEB",
      async prepare(d) {
        calls.push({ stage: "prepare", key: d.idempotencyKey });
        if (gateAt === "prepare") await gate;
      },
      async send(d) {
        calls.push({ stage: "send", key: d.idempotencyKey });
        if (gateAt === "send") {
          await during?.();
          await gate;
        }
        return { ok: true, platformMessageId: `web-${d.idempotencyKey}` };
      },
    };
    return { sender, calls, release, holdAt: (stage: "prepare" | "send") => (gateAt = stage) };
  }

  async function queueFor(db: Database, personId: string, key: string) {
    await enqueueNotifications(db.prisma, [{ kind: "campaign.summary", personId, idempotencyKey: key, data: { networkName: "N", label: "Q4", employers: 1, reported: 0, responseRate: 0, realised: 0, ambition: 0, missing: [] }, notBefore: fixedNow }]);
  }

  it("a row another instance has claimed but not yet sent is deleted, and that instance does not send it", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const sanne = await actor("coordinator");
    await queueFor(db, joost.personId, "s15:claimed");
    const gated = gatedSender();
    gated.holdAt("prepare");
    const other = new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [gated.sender], workerId: "instance-b" });

    const draining = other.drainOnce();
    await vi.waitFor(() => expect(gated.calls).toEqual([{ stage: "prepare", key: "s15:claimed" }]));
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "s15:claimed" } })).toMatchObject({ status: "SENDING", lockedBy: "instance-b" });

    expect((await erasePersonData(depsFor(db), sanne, { person: joost.personId })).ok).toBe(true);
    gated.release();
    await draining;

    expect(gated.calls.map((c) => c.stage)).toEqual(["prepare"]);
    expect(await db.prisma.outboxMessage.count({ where: { idempotencyKey: "s15:claimed" } })).toBe(0);
  });

  it("a message already on its way is waited for: it arrives before the erasure ends, and the conversation row its send wrote is gone after", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const sanne = await actor("coordinator");
    await queueFor(db, joost.personId, "s15:inflight");
    let erasedDuringSend: Date | null | undefined;
    const gated = gatedSender(async () => {
      await db.prisma.teamsConversation.create({ data: { conversationId: "a:joost-opened", tenantId: "t", aadObjectId: joostIds.aad, kind: "personal", reference: { user: { id: joostIds.teams, aadObjectId: joostIds.aad } } } });
    });
    await db.prisma.platformIdentity.create({ data: { personId: joost.personId, platform: "TEAMS", tenantId: "t", externalUserId: joostIds.aad } });
    const other = new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [gated.sender], workerId: "instance-b" });

    const draining = other.drainOnce();
    await vi.waitFor(() => expect(gated.calls.map((c) => c.stage)).toEqual(["prepare", "send"]));
    let erased = false;
    const erasing = erasePersonData(depsFor(db), sanne, { person: joost.personId }).then((r) => ((erased = true), r));
    // The erasure sees the send in flight and waits: the person is still there while it lasts.
    await vi.waitFor(async () => expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "s15:inflight" } })).toMatchObject({ sendingSince: expect.any(Date) }));
    erasedDuringSend = (await db.prisma.person.findUniqueOrThrow({ where: { id: joost.personId } })).erasedAt;
    expect(erased).toBe(false);
    gated.release();
    await draining;
    expect((await erasing).ok).toBe(true);

    expect(erasedDuringSend).toBeNull();
    expect(await db.prisma.outboxMessage.count({ where: { idempotencyKey: "s15:inflight" } })).toBe(0);
    expect(await db.prisma.teamsConversation.count({ where: { aadObjectId: joostIds.aad } })).toBe(0);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: joost.personId } })).toMatchObject({ erasedAt: expect.any(Date) });
  });
});
