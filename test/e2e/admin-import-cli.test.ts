import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseTarget } from "../../src/db/database.js";
import { runAdminProcess, serverSql } from "../support/admin-process.js";
import { postgresServerUrl, withDatabaseName } from "../support/databases.js";
import { csvOf, DUTCH_HEADER, memberRows } from "../support/member-sheets.js";

// npm run admin -- import / export members, as a host runs them: a process of its own against
// an empty database (no tables yet) of either kind.
const kinds = ["pglite", "postgres"] as const;

describe.each(kinds)("npm run admin -- import and export members [%s]", (kind) => {
  const work = mkdtempSync(path.join(tmpdir(), "netwerkbot-admin-import-"));
  const dbName = `netwerkbot_cli_${process.pid}_${Date.now().toString(36)}`;
  const target: DatabaseTarget = kind === "pglite" ? { kind, dataDir: path.join(work, "data") } : { kind, url: withDatabaseName(postgresServerUrl, dbName) };
  const env: Record<string, string> = kind === "pglite" ? { DATA_DIR: path.join(work, "data") } : { DATABASE_URL: (target as { url: string }).url };
  const admin = (...args: string[]) => runAdminProcess(args, env, work);
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(path.join(work, name), bytes);
    return name;
  };

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    if (kind === "postgres") await serverSql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it("writes the template, refuses an unknown network, then previews, applies, re-applies and round-trips the export", async () => {
    if (kind === "postgres") await serverSql(`CREATE DATABASE ${dbName}`);

    const template = await admin("import", "--template", "--format", "xlsx", "--out", "sjabloon.xlsx");
    expect(template).toMatchObject({ code: 0, stdout: expect.stringContaining("Geschreven:") });
    expect([...readFileSync(path.join(work, "sjabloon.xlsx")).subarray(0, 2)]).toEqual([0x50, 0x4b]);

    const leden = file("leden.csv", csvOf(memberRows(20, 50)));
    const unknown = await admin("import", leden, "--network", "twente", "--dry-run");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Netwerk "twente" bestaat niet.');

    // Until `network create` exists on this branch, the network is made the way it would make it: through Prisma.
    const db = await openDatabase(target, { onConnectionError: () => {} });
    await db.prisma.network.create({ data: { slug: "twente", name: "99vanTwente" } });
    await db.close();

    const dryRun = await admin("import", leden, "--network", "twente", "--dry-run");
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("50 rijen gelezen uit een CSV-bestand.");
    expect(dryRun.stdout).toContain("Nieuwe werkgevers (20):");
    expect(dryRun.stdout).toContain("  … en nog 25 (alles zien: --all)");
    expect(dryRun.stdout).toContain("Geen fouten gevonden: de import kan worden toegepast.");

    const applied = await admin("import", leden, "--network", "twente");
    expect(applied).toMatchObject({ code: 0, stdout: expect.stringContaining("Ingelezen: 20 werkgevers toegevoegd en 0 bijgewerkt, 50 personen toegevoegd en 0 bijgewerkt.") });
    const again = await admin("import", leden, "--network", "twente");
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining("Niets veranderd: het bestand kwam al overeen met de ledenlijst.") });

    const exported = await admin("export", "members", "--network", "twente", "--format", "xlsx", "--out", "export.xlsx");
    expect(exported).toMatchObject({ code: 0, stdout: expect.stringContaining("50 rijen in de ledenlijst.") });
    const roundTrip = await admin("import", "export.xlsx", "--network", "twente", "--dry-run");
    expect(roundTrip).toMatchObject({ code: 0, stdout: expect.stringContaining("Het bestand komt overeen met de ledenlijst: er verandert niets.") });
  }, 300_000);

  it("refuses a file with bad rows (listing them), a missing file and a bad flag, and changes nothing", async () => {
    const bad = file("fout.csv", csvOf([DUTCH_HEADER, ["Werkgever 0001 BV", "", "", "", "", "", "", "Nieuw", "nieuw@", "", "", ""]]));
    const refused = await admin("import", bad, "--network", "twente");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('rij 2: e-mail: "nieuw@" is geen geldig e-mailadres.');
    expect(refused.stderr).toContain("Er is niets ingelezen: 1 rij heeft een fout.");
    expect(await admin("import", "bestaat-niet.csv", "--network", "twente")).toMatchObject({ code: 1, stderr: expect.stringContaining("Bestand niet gevonden: bestaat-niet.csv") });
    expect(await admin("export", "members", "--network", "twente", "--format", "pdf")).toMatchObject({ code: 64, stderr: expect.stringContaining("--format is csv of xlsx.") });

    const db = await openDatabase(target, { onConnectionError: () => {} });
    try {
      expect(await db.prisma.person.count()).toBe(50);
    } finally {
      await db.close();
    }
  }, 300_000);
});

