import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { exportMemberList } from "../../src/core/import/export-members.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { DUTCH_HEADER } from "../support/member-sheets.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { FORM, postSlack, slashBody } from "../support/slack-requests.js";

describeEachDatabase("member list from Slack", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(() => h.close());

  const slash = (user: string, text: string) => postSlack(h.app.url, slashBody({ user, text, responseUrl: h.fake.responseUrl(`r-${user}`) }), FORM);

  it("/netwerk leden export sends the coordinator the same file as the dashboard, in their DM", async () => {
    const { actor } = await seedDemo(use());
    const res = await slash(slackUser.coordinator, "leden export");
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain("De ledenlijst (8 rijen), in het sjabloon van de import.");
    await vi.waitFor(() => expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(1));
    const sent = String(h.fake.callsTo("upload")[0]!.body.content);
    const expected = await exportMemberList(depsFor(use()), await actor("coordinator"));
    // The upload is a multipart body; the file inside it is exactly the export.
    const csv = expected.ok ? (expected.value.content as string) : "";
    expect(sent).toContain(csv);
    expect((parse(csv, { delimiter: ";", bom: true }) as string[][])[0]).toEqual(DUTCH_HEADER);

    await slash(slackUser.coordinator, "leden export xlsx");
    await vi.waitFor(() => expect(h.fake.callsTo("upload")).toHaveLength(2));
    expect(String(h.fake.callsTo("upload")[1]!.body.content)).toContain("PK\u0003\u0004");
  });

  it("refuses members and explains the command to coordinators who type it without export", async () => {
    await seedDemo(use());
    // Their first command links their Slack accounts; after that nothing may change.
    for (const user of [slackUser.bakeryHr, slackUser.coordinator]) await slash(user, "help");
    const before = await snapshotCounts(use());
    const refused = await slash(slackUser.bakeryHr, "leden export");
    expect(JSON.stringify(refused.json)).toContain("alleen voor netwerkcoördinatoren");
    const usage = await slash(slackUser.coordinator, "leden");
    expect(JSON.stringify(usage.json)).toContain("Typ leden export voor de ledenlijst als CSV");
    expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(0);
    expect(await snapshotCounts(use())).toEqual(before);
  });
});
