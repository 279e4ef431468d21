// `npm run package:teams`: writes netwerkbot-teams.zip to upload in Teams (Apps → Manage your apps).
// Needs MICROSOFT_APP_ID (the Azure Bot's app id) and PUBLIC_URL (https, where /api/messages is).
import { writeFileSync } from "node:fs";
import { ZodError } from "zod";
import { buildTeamsPackage } from "./app-package.js";

try {
  const zip = await buildTeamsPackage(process.env);
  writeFileSync("netwerkbot-teams.zip", zip);
  console.log(`netwerkbot-teams.zip geschreven (${zip.length} bytes)`);
} catch (error) {
  if (error instanceof ZodError) console.error(error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
