// `npm run bench`: every benchmark in one run, printing its numbers. Targets are in each file.
const suites: Array<[string, () => Promise<void>]> = [
  ["fanout", async () => (await import("./fanout.bench.js")).run()],
  ["email", async () => (await import("./email.bench.js")).run()],
  ["shared-rate", async () => (await import("./shared-rate.bench.js")).run()],
  ["teams", async () => (await import("./teams.bench.js")).run()],
  ["slack", async () => (await import("./slack.bench.js")).run()],
  ["database", async () => (await import("./database.bench.js")).run()],
  ["dashboard", async () => (await import("./dashboard.bench.js")).run()],
  ["events", async () => (await import("./events.bench.js")).run()],
  ["directory", async () => (await import("./directory.bench.js")).run()],
  ["import", async () => (await import("./import.bench.js")).run()],
  ["overload", async () => (await import("./overload.bench.js")).run()],
  ["production", async () => (await import("./production.bench.js")).run()],
];

const only = process.argv[2];
for (const [name, run] of suites) {
  if (only && only !== name) continue;
  console.log(`\n=== ${name} ===`);
  await run();
}
process.exit(0);
