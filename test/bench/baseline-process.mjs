// The baselines of the production benchmark, each a plain Node process (no TypeScript loader, as
// dist/main.js runs), answering GET /readyz once it is up, like the bot:
//   floor-pglite  Node + opening the PGlite data dir DATA_DIR + importing Bolt (the floor)
//   floor-bolt    Node + importing Bolt (the floor of a bot on PostgreSQL)
//   minimal-bolt  a Bolt app (ExpressReceiver, signature check) acking /netwerk with a constant
//   minimal-teams the bot's own Teams adapter (dist/) and a teams-ai Application replying "pong"
import { createServer } from "node:http";

const mode = process.env.BASELINE;
const port = Number(process.env.PORT);

if (mode === "floor-pglite" || mode === "floor-bolt") {
  if (mode === "floor-pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(process.env.DATA_DIR);
    await db.query("SELECT 1");
  }
  await import("@slack/bolt");
  createServer((_req, res) => res.end("ok")).listen(port, "127.0.0.1");
} else if (mode === "minimal-bolt") {
  const { App, ExpressReceiver, LogLevel } = await import("@slack/bolt");
  const { default: express } = await import("express");
  const http = express();
  http.get("/readyz", (_req, res) => res.send("ok"));
  const receiver = new ExpressReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, app: http, logLevel: LogLevel.ERROR });
  const bolt = new App({ receiver, token: "xoxb-bench", clientOptions: { slackApiUrl: process.env.SLACK_API_URL }, logLevel: LogLevel.ERROR });
  bolt.command("/netwerk", async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "pong" });
  });
  http.listen(port, "127.0.0.1");
} else if (mode === "minimal-teams") {
  const { Application } = await import("@microsoft/teams-ai");
  const { default: express } = await import("express");
  const { loadConfig } = await import("../../dist/config.js");
  const { createTeamsAdapter } = await import("../../dist/platforms/teams/adapter.js");
  const adapter = createTeamsAdapter(loadConfig(process.env).env);
  const bot = new Application({ adapter, startTypingTimer: false });
  bot.activity("message", async (context) => {
    await context.sendActivity("pong");
  });
  const http = express();
  http.get("/readyz", (_req, res) => res.send("ok"));
  http.post("/api/messages", express.json(), async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await bot.run(context);
    });
  });
  http.listen(port, "127.0.0.1");
} else {
  throw new Error(`BASELINE must be floor-pglite, floor-bolt, minimal-bolt or minimal-teams, not ${mode}`);
}
