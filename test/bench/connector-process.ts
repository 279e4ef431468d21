import { startFakeBotConnector } from "../support/fake-bot-connector.js";
import { teamsRoster } from "../support/teams-activities.js";

// The fake Bot Connector in a process of its own for the Teams benchmark: it is the far side of
// the network, so its parsing and its record of every reply must not run, or collect garbage, in
// the process being measured. "reset" drops what it recorded; the parent hears the URL once.
const connector = await startFakeBotConnector({ members: teamsRoster() });
process.on("message", (message) => {
  if (message === "reset") {
    connector.reset();
    process.send!("reset");
  }
});
process.on("disconnect", () => void connector.close().then(() => process.exit(0)));
process.send!({ url: connector.url });
