// Child process for the start-time benchmark: measures config → migrations applied → ready,
// including loading the modules, as a real start does. Prints one JSON line.
const t0 = performance.now();
const { loadConfig } = await import("../../src/config.js");
const { openDatabase } = await import("../../src/db/database.js");
const config = loadConfig();
const db = await openDatabase(config.database);
await db.ping();
const readyMs = performance.now() - t0;
await db.close();
console.log(JSON.stringify({ readyMs }));
