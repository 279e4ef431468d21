import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { runAdmin } from "../../src/admin/cli.js";

it("lists import and export members in npm run admin -- --help", async () => {
  const lines: string[] = [];
  await runAdmin(["--help"], undefined, (line) => lines.push(line));
  const help = lines.join("\n");
  expect(help).toContain("import <bestand> --network <slug> [--dry-run]");
  expect(help).toContain("export members --network <slug> [--format csv|xlsx] [--out <bestand>]");
});

it("writes the template without opening a database (no DATABASE_URL or DATA_DIR needed)", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "netwerkbot-template-"));
  try {
    const out = path.join(dir, "sjabloon.csv");
    const lines: string[] = [];
    // A database URL nothing listens on: opening it would fail, so success shows it was not opened.
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/none";
    try {
      expect(await runAdmin(["import", "--template", "--out", out], undefined, (line) => lines.push(line))).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect(lines).toEqual([`Geschreven: ${out}`]);
    expect(readFileSync(out, "utf8")).toBe("\uFEFFwerkgever;branche;omvang;plaats;regio;biedt;ambitie;naam;e-mail;functie;rol;rapporteert\r\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
