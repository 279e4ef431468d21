import { expect, it } from "vitest";
import { runAdmin } from "../../src/admin/cli.js";
import { AdminError, type AdminCommand } from "../../src/admin/command.js";

function recorder() {
  const lines: string[] = [];
  return { lines, out: (line: string) => lines.push(line) };
}

const calls: Array<{ name: string; args: string[] }> = [];
const commands: AdminCommand[] = [
  { name: "network", summary: "Toont netwerken.", usage: "", needsDatabase: false, run: async (_ctx, args) => void calls.push({ name: "network", args }) },
  { name: "network create", summary: "Maakt een netwerk.", usage: "--slug <slug>", needsDatabase: false, run: async (_ctx, args) => void calls.push({ name: "network create", args }) },
];

it("lists every subcommand with its usage in Dutch for --help, help and no arguments", async () => {
  for (const argv of [["--help"], ["help"], [], ["--", "--help"]]) {
    const { lines, out } = recorder();
    expect(await runAdmin(argv, commands, out)).toBe(0);
    const help = lines.join("\n");
    expect(help).toContain("npm run admin -- <opdracht>");
    expect(help).toContain("network create --slug <slug>");
    expect(help).toContain("Maakt een netwerk.");
  }
});

it("runs the longest matching subcommand with the rest of the arguments", async () => {
  calls.length = 0;
  await runAdmin(["network", "create", "--slug", "twente"], commands, () => {});
  await runAdmin(["network", "--all"], commands, () => {});
  expect(calls).toEqual([
    { name: "network create", args: ["--slug", "twente"] },
    { name: "network", args: ["--all"] },
  ]);
});

it("shows one subcommand's usage for <opdracht> --help without running it", async () => {
  calls.length = 0;
  const { lines, out } = recorder();
  await runAdmin(["network", "create", "--help"], commands, out);
  expect(lines.join("\n")).toContain("npm run admin -- network create --slug <slug>");
  expect(calls).toEqual([]);
});

it("refuses an unknown subcommand with a Dutch message and the usage exit code", async () => {
  const error = await runAdmin(["netwerk", "maak"], commands, () => {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AdminError);
  expect((error as AdminError).message).toContain('Onbekende opdracht "netwerk maak"');
  expect((error as AdminError).exitCode).toBe(64);
});

it("says in Dutch what is wrong with a flag of the spreadsheet commands (Node's own parser speaks English)", async () => {
  const { parseFlags } = await import("../../src/admin/commands/spreadsheet-io.js");
  const options = { network: { type: "string" }, out: { type: "string" } } as const;
  for (const args of [["--bogus"], ["--network"]]) {
    let error: unknown;
    try {
      parseFlags(args, options, "export members --network <slug>");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AdminError);
    expect((error as AdminError).exitCode).toBe(64);
    const message = (error as AdminError).message;
    expect(message).toMatch(/^(Onbekende optie "--bogus"\.|De optie "--network <value>" heeft een waarde nodig\.)\nGebruik: npm run admin -- export members --network <slug>$/);
  }
  expect(parseFlags(["leden.csv", "--network", "twente"], options, "import <bestand>").positionals).toEqual(["leden.csv"]);
});
