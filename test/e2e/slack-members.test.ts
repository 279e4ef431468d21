import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { actionFromId } from "../../src/platforms/slack/blocks.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";
import { snapshotAll } from "../support/members-fixtures.js";
import { readableText } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, FORM, interactiveBody, postSlack, slashBody, TEAM, viewSubmissionPayload } from "../support/slack-requests.js";

type Json = Record<string, any>;

const nl = translator("nl");

describeEachDatabase("Slack: coordinators manage employers and people", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  let answers = 0;
  async function slash(user: string, text: string) {
    const id = `r${++answers}`;
    const body = slashBody({ user, text, responseUrl: h.fake.responseUrl(id) });
    const res = await postSlack(h.app.url, body, FORM);
    return { res, id, trigger: new URLSearchParams(body).get("trigger_id")!, blocks: ((res.json as Json | undefined)?.blocks ?? []) as Json[] };
  }

  async function modalFor(user: string, text: string): Promise<Json> {
    const { trigger } = await slash(user, text);
    const call = await vi.waitFor(() => {
      const opened = h.fake.callsTo("views.open").find((c) => c.body.trigger_id === trigger);
      if (!opened) throw new Error(`no modal for ${text}`);
      return opened;
    });
    return call.body.view as Json;
  }

  const submit = (user: string, view: Json, values: Record<string, unknown>) => postSlack(h.app.url, interactiveBody(viewSubmissionPayload(user, view, values)), FORM);

  /** The buttons of a message as Slack would send them back: neutral action name, raw id and value. */
  const buttonsOf = (blocks: Json[]) =>
    blocks.flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : [])).map((e) => ({ action: actionFromId(e.action_id), actionId: e.action_id as string, value: e.value as string }));

  /** Presses a button on the ephemeral reply it came with; the answer replaces it through response_url. */
  async function press(user: string, button: { actionId: string; value: string }, responseId: string) {
    const payload = blockActionPayload({ user, actionId: button.actionId, value: button.value, responseUrl: h.fake.responseUrl(responseId) });
    (payload.container as Json).is_ephemeral = true;
    const res = await postSlack(h.app.url, interactiveBody(payload), FORM);
    expect(res.status).toBe(200);
    return vi.waitFor(() => {
      const answer = h.fake.responses().filter((r) => r.method === `response/${responseId}`).at(-1);
      if (!answer) throw new Error(`no answer to ${button.actionId}`);
      return answer.body as Json;
      // An erasure ends with VACUUM FULL of the tables it touched: about a second on a loaded machine.
    }, { timeout: 10_000 });
  }

  it("adds an employer through the modal: a taken name stays in the modal on its field and stores nothing, then it is saved", async () => {
    const db = use();
    await seedDemo(db);

    const view = await modalFor(slackUser.coordinator, "werkgever nieuw");
    expect(view.callback_id).toBe("form:members.employer.new");
    expect(view.blocks.map((b: Json) => b.block_id)).toEqual(["name", "branche", "sizeBand", "location", "region", "offers", "offerDescription", "challenges", "inclusionMaturity", "ambition", "ambitionTargetDate"]);
    const values = { name: "bakkerij de korenschoof", branche: "Grafisch", sizeBand: "SMALL", location: "Goor", region: "Twente", offers: "werkplek", inclusionMaturity: "2", ambition: "5" };
    const before = await snapshotAll(db);

    const taken = await submit(slackUser.coordinator, view, values);

    expect(taken.json).toEqual({ response_action: "errors", errors: { name: nl("members.employer.nameTaken", { name: "bakkerij de korenschoof" }) } });
    expect(await snapshotAll(db)).toEqual(before);

    const saved = await submit(slackUser.coordinator, view, { ...values, name: "Drukkerij Hof van Twente" });

    expect(saved.status).toBe(200);
    expect(await db.prisma.employer.findFirstOrThrow({ where: { name: "Drukkerij Hof van Twente" } })).toMatchObject({ sizeBand: "SMALL", location: "Goor", offers: ["WERKPLEK"], ambition: 5 });
    await vi.waitFor(() => expect(readableText(h.fake.callsTo("chat.postEphemeral").at(-1)?.body ?? {})).toContain(nl("members.employer.created", { name: "Drukkerij Hof van Twente" })));
    expect(await db.prisma.auditLog.count({ where: { action: "employer.create" } })).toBe(1);
  });

  it("edits and renames an employer through the prefilled modal, found by part of its name", async () => {
    const db = use();
    await seedDemo(db);

    const view = await modalFor(slackUser.coordinator, "werkgever wijzig korenschoof");

    expect(view.callback_id).toBe("form:members.profile");
    const initial = Object.fromEntries(view.blocks.map((b: Json) => [b.block_id, b.element.initial_value ?? b.element.initial_option?.value]));
    expect(initial).toMatchObject({ name: "Bakkerij De Korenschoof", branche: "Voeding", sizeBand: "SMALL", location: "Enschede", ambition: "12" });
    const res = await submit(slackUser.coordinator, view, { ...initial, name: "Bakkerij Korenschoof & Zn.", ambition: "20" });
    expect(res.status).toBe(200);
    expect(await db.prisma.employer.findFirstOrThrow({ where: { name: "Bakkerij Korenschoof & Zn." } })).toMatchObject({ ambition: 20, branche: "Voeding" });
  });

  it("archives an employer only after the confirmation button, which says what will happen", async () => {
    const db = use();
    await seedDemo(db);

    const asked = await slash(slackUser.coordinator, "werkgever archiveer korenschoof");

    const text = readableText({ blocks: asked.blocks });
    expect(text).toContain(nl("members.employer.archive.confirm", { name: "Bakkerij De Korenschoof" }));
    expect(text).toContain("geen kwartaalvragen");
    expect(text).toContain(`${nl("members.employer.archive.contacts")}*\n2`);
    expect(await db.prisma.employer.count({ where: { archivedAt: { not: null } } })).toBe(0);
    const [confirm, cancel] = buttonsOf(asked.blocks);
    expect([confirm?.action, cancel?.action]).toEqual(["members.employer.archive.confirm", "members.employer.archive.cancel"]);

    const cancelled = await press(slackUser.coordinator, cancel!, "cancel");
    expect(cancelled).toMatchObject({ replace_original: true });
    expect(readableText(cancelled)).toContain(nl("members.employer.archive.cancelled"));
    expect(await db.prisma.employer.count({ where: { archivedAt: { not: null } } })).toBe(0);

    const done = await press(slackUser.coordinator, confirm!, "confirm");
    expect(readableText(done)).toContain(nl("members.employer.archived", { name: "Bakkerij De Korenschoof" }));
    expect(await db.prisma.employer.findFirstOrThrow({ where: { name: "Bakkerij De Korenschoof" } })).toMatchObject({ archivedAt: expect.any(Date) });
    // The answer offers the way back.
    const [restore] = buttonsOf(done.blocks);
    expect(restore?.action).toBe("members.employer.restore");
    await press(slackUser.coordinator, restore!, "restore");
    expect(await db.prisma.employer.count({ where: { archivedAt: { not: null } } })).toBe(0);
  });

  it("refuses members the commands and a replayed confirmation button, and changes nothing", async () => {
    const db = use();
    await seedDemo(db);
    await slash(slackUser.bakeryHr, "help");
    const bakery = await db.prisma.employer.findFirstOrThrow({ where: { name: "Bakkerij De Korenschoof" } });
    const before = await snapshotAll(db);

    for (const command of ["werkgever archiveer korenschoof", "werkgever nieuw", "persoon verwijder fleur.inkoop@zorggroep-dinkel.example", "personen"]) {
      const { blocks } = await slash(slackUser.bakeryHr, command);
      expect(readableText({ blocks }), command).toBe(nl("chat.coordinatorOnly", { command: command.split(" ")[0]! }));
    }
    const replayed = await press(slackUser.bakeryHr, { actionId: "members.employer.archive.confirm#0", value: bakery.id }, "replay");
    expect(readableText(replayed)).toContain(nl("error.notAllowed"));

    await h.app.slack!.stop();
    expect(h.fake.callsTo("views.open")).toHaveLength(0);
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("shows a person's details and Slack link to a coordinator, and unlinks it with the button", async () => {
    const db = use();
    await seedDemo(db);
    await slash(slackUser.bakeryHr, "help"); // links Joost's Slack account by e-mail

    const shown = await slash(slackUser.coordinator, "persoon Joost");

    const text = readableText({ blocks: shown.blocks });
    expect(text).toContain("Joost Bakker");
    expect(text).toContain("joost.hr@bakkerij-korenschoof.example");
    expect(text).toMatch(new RegExp(`Slack — werkruimte ${TEAM} — gekoppeld sinds \\d+ \\w+ \\d{4}`));
    const unlink = buttonsOf(shown.blocks).find((b) => b.action === "members.person.unlink")!;
    expect(unlink).toBeDefined();

    const after = await press(slackUser.coordinator, unlink, "unlink");

    expect(readableText(after)).toContain(nl("members.person.noLinks"));
    expect(await db.prisma.platformIdentity.count({ where: { externalUserId: slackUser.bakeryHr } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: "person.unlink" } })).toBe(1);
  });

  it("removes a person only after confirmation; the employer's reports stay", async () => {
    const db = use();
    await seedDemo(db);
    const reports = await db.prisma.placementReport.count();

    const asked = await slash(slackUser.coordinator, "persoon verwijder mo.hr@hengelo-logistiek.example");
    expect(readableText({ blocks: asked.blocks })).toContain(nl("members.person.remove.confirm", { name: "Mo Yilmaz" }));
    expect(await db.prisma.person.count({ where: { erasedAt: { not: null } } })).toBe(0);

    const done = await press(slackUser.coordinator, buttonsOf(asked.blocks)[0]!, "remove");

    expect(readableText(done)).toContain(nl("members.person.removed", { name: "Mo Yilmaz" }));
    expect(await db.prisma.person.count({ where: { erasedAt: { not: null }, email: null } })).toBe(1);
    expect(await db.prisma.placementReport.count()).toBe(reports);
  });
});
