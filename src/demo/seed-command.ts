// `npm run db:seed`: fills the configured database (PGlite dir or PostgreSQL) with the fictional
// demo network. Safe to run twice: an existing demo network is left alone.
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import { seedDemoData } from "./demo-data.js";

const config = loadConfig();
const db = await openDatabase(config.database);
try {
  const { created } = await seedDemoData(db.prisma);
  console.log(created ? "Demonetwerk 99vanDemo aangemaakt." : "Het demonetwerk bestond al; niets veranderd.");
} finally {
  await db.close();
}
