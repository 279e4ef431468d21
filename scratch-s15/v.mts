import { PGlite } from "@electric-sql/pglite";
const p = await PGlite.create();
console.log((await p.query("select version()")).rows);
await p.close();
