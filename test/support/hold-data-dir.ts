// Child process for the data-dir lock test: opens a PGlite data dir, says so on stdout and keeps
// it open until it is killed.
import { openDatabase } from "../../src/db/database.js";

const db = await openDatabase({ kind: "pglite", dataDir: process.argv[2]! });
process.stdout.write(`open ${process.pid}\n`);
setInterval(() => void db.ping(), 60_000);
