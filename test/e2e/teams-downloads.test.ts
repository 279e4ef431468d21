import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { revokeDownloadLink } from "../../src/core/downloads/download-links.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { translator } from "../../src/i18n/index.js";
import { createTestDatabase, databaseKinds, resetDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import type { FakeOpenId } from "../support/fake-openid.js";
import { depsFor, fixedNow, seedDemo } from "../support/fixtures.js";
import { signActivitiesFor, standInForAzureAd, startFakeOpenId, teamsAppEnv } from "../support/teams-channel-auth.js";
import { cardAction, cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { startTestApp } from "../support/test-app.js";

type Json = Record<string, any>;
const nl = translator("nl");
const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

/**
 * Two instances of the bot on one database (on PostgreSQL each with its own connections, as two
 * processes would have; PGlite is one process's database, so there they share its handle). The
 * Teams activity reaches instance A, the click on the link instance B.
 */
describe.each(databaseKinds)("Teams download links across instances [%s]", (kind) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let secondDb: Database;
  let openId: FakeOpenId;
  let a: RunningApp;
  let b: RunningApp;
  let unregister = () => {};
  let now = fixedNow;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    secondDb = kind === "postgres" ? await openDatabase({ kind: "postgres", url: handle.url!, poolSize: 3 }, { onConnectionError: () => {} }) : handle.db;
    openId = await startFakeOpenId();
    standInForAzureAd();
  }, 60_000);
  afterAll(async () => {
    await openId?.close();
    if (secondDb && secondDb !== handle.db) await secondDb.close();
    await handle?.drop();
  });
  beforeEach(async () => {
    await resetDatabase(handle.db);
    await seedDemo(handle.db);
    now = fixedNow;
    const env = { PUBLIC_URL: "http://bot.example", ...teamsAppEnv(openId) };
    a = await startTestApp(handle.db, env, { now: () => now });
    b = await startTestApp(secondDb, env, { now: () => now });
    unregister = signActivitiesFor(a.url, openId);
    connector.reset();
  });
  afterEach(async () => {
    unregister();
    await a?.close();
    await b?.close();
  });

  const post = (activity: unknown) => postActivity(a.url, activity);
  async function say(user: ReturnType<typeof teamsUser>, text: string): Promise<Json> {
    expect((await post(message(connector, user, text))).status).toBe(200);
    return cardOf(connector.sent().at(-1));
  }
  /** The link of a file card, pointed at instance B. */
  function linkOnB(card: Json): { url: string; token: string } {
    const url: string = card.body.flatMap((e: Json) => e.actions ?? []).find((x: Json) => x.type === "Action.OpenUrl").url;
    const token = /\/api\/teams\/files\/([\w-]+)\//.exec(url)![1]!;
    return { url: url.replace("http://bot.example", b.url), token };
  }

  it("serves a link made by one instance from the other, until the person is erased: then it is gone, with the coordinator's export of their network", async () => {
    const joost = teamsUser("bakeryHr");
    const own = linkOnB(await say(joost, "mijn gegevens"));
    const coordinatorExport = linkOnB(await say(teamsUser("coordinator"), "export"));
    const served = await fetch(own.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("no-store");
    expect(await served.text()).toContain(demoEmails.bakeryHr);
    expect((await fetch(coordinatorExport.url)).status).toBe(200);
    // Stored hashed: the token in the link is nowhere in the table.
    expect(JSON.stringify(await handle.db.prisma.downloadLink.findMany())).not.toContain(own.token);

    const asked = await say(teamsUser("coordinator"), `verwijder gegevens ${demoEmails.bakeryHr}`);
    const confirm = asked.body.flatMap((e: Json) => (e.type === "ActionSet" ? e.actions : [])).find((x: Json) => x.data?.action === "members.erase.confirm");
    expect((await post(cardAction(connector, teamsUser("coordinator"), confirm.data, "sent-erase"))).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain(nl("members.erase.doneOther"));

    for (const link of [own, coordinatorExport]) {
      const gone = await fetch(link.url);
      expect(gone.status).toBe(404);
      expect(await gone.text()).toBe(nl("downloads.notFound"));
    }
    expect(await handle.db.prisma.downloadLink.count()).toBe(0);
  });

  it("answers an expired link 410 on any instance, then forgets it; a revoked link is 404 everywhere", async () => {
    const first = linkOnB(await say(teamsUser("coordinator"), "export"));
    now = new Date(fixedNow.getTime() + 15 * 60_000);
    const expired = await fetch(first.url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toBe(nl("downloads.expired"));
    expect((await fetch(first.url.replace(b.url, a.url))).status).toBe(404);

    const second = linkOnB(await say(teamsUser("coordinator"), "export"));
    expect((await fetch(second.url)).status).toBe(200);
    expect(await revokeDownloadLink(depsFor(handle.db, now), second.token)).toBe(true);
    expect((await fetch(second.url)).status).toBe(404);
    expect((await fetch(second.url.replace(b.url, a.url))).status).toBe(404);
    expect((await fetch(`${b.url}/api/teams/files/guessed-token/x.csv`)).status).toBe(404);
  });
});
