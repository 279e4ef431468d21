import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, eventBody, FORM, interactiveBody, JSON_TYPE, postSlack, slashBody, viewSubmissionPayload } from "../support/slack-requests.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { actionFromId } from "../../src/platforms/slack/blocks.js";

type Json = Record<string, any>;
const nl = translator("nl");

describeEachDatabase("Slack: a workspace bound to no network", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    await seedDemo(use());
    // The demo network no longer serves the test workspace (as after `npm run admin -- unbind`).
    await use().prisma.workspaceBinding.deleteMany({ where: { platform: "SLACK" } });
    h = await startSlackHarness(use());
  });
  afterEach(() => h.close());

  const slash = (user: string, text: string) => postSlack(h.app.url, slashBody({ user, text, responseUrl: h.fake.responseUrl(`r-${user}`) }), FORM);

  it("answers a member of the network and a stranger alike with the explanation, and looks up or changes nothing", async () => {
    const before = await snapshotCounts(use());

    for (const [user, text] of [[slackUser.bakeryHr, "rapporteer 3 ambitie 12"], [slackUser.coordinator, "status"], ["USTRANGER", "aanmelden"]] as const) {
      const res = await slash(user, text);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ response_type: "ephemeral" });
      expect(JSON.stringify((res.json as Json).blocks)).toContain(nl("joining.unbound"));
      expect(JSON.stringify(res.json)).not.toMatch(/Korenschoof|Q4 2026|Aanmelden/);
    }

    expect(h.fake.callsTo("users.info")).toHaveLength(0);
    expect(h.fake.callsTo("views.open")).toHaveLength(0);
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("gives the explanation for a button pressed on an old message, and on the Home tab", async () => {
    const res = await postSlack(h.app.url, interactiveBody(blockActionPayload({ user: slackUser.bakeryHr, actionId: "report.open#0", value: "", responseUrl: h.fake.responseUrl("old") })), FORM);
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(h.fake.responses().at(-1)?.body)).toContain(nl("joining.unbound")));

    const home = await postSlack(h.app.url, eventBody({ type: "app_home_opened", user: slackUser.bakeryHr, channel: "D0HOME", tab: "home" }), JSON_TYPE);
    expect(home.status).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(h.fake.callsTo("views.publish").at(-1)?.body)).toContain(nl("joining.unbound")));
    expect(JSON.stringify(h.fake.callsTo("views.publish").at(-1)?.body)).not.toContain("Korenschoof");
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });
});

const PRIYA = "UPRIYA";
const priyaEmail = "priya@drukkerij-oost.example";

describeEachDatabase("Slack: joining the network, screened by a coordinator", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    await seedDemo(use());
    h = await startSlackHarness(use(), { [PRIYA]: priyaEmail });
  });
  afterEach(() => h.close());

  let answers = 0;
  async function slash(user: string, text: string) {
    const body = slashBody({ user, text, responseUrl: h.fake.responseUrl(`r${++answers}`) });
    const res = await postSlack(h.app.url, body, FORM);
    return { res, trigger: new URLSearchParams(body).get("trigger_id")!, text: JSON.stringify(res.json ?? "") };
  }
  async function modalFor(user: string, text: string): Promise<Json> {
    const { trigger } = await slash(user, text);
    return vi.waitFor(() => {
      const opened = h.fake.callsTo("views.open").find((c) => c.body.trigger_id === trigger);
      if (!opened) throw new Error(`no modal for ${text}`);
      return (typeof opened.body.view === "string" ? JSON.parse(opened.body.view) : opened.body.view) as Json;
    });
  }
  const submit = (user: string, view: Json, values: Record<string, unknown>) => postSlack(h.app.url, interactiveBody(viewSubmissionPayload(user, view, values)), FORM);
  // Rows are due from the database's now() (the app's clock is fixed in November): deliver by the wall clock.
  const deliver = () => new OutboxWorker({ db: use().prisma, now: () => new Date(), senders: [h.app.slack!.sender] }).drain();
  /** The last DM to a user, as chat.postMessage received it. */
  const dmTo = (user: string) => h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === `D${user}`).at(-1);
  const buttonsOf = (call: { body: Json } | undefined) =>
    ((typeof call?.body.blocks === "string" ? JSON.parse(call.body.blocks) : call?.body.blocks) as Json[])
      .flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : []))
      .map((e) => ({ action: actionFromId(e.action_id), actionId: e.action_id as string, value: e.value as string }));
  const press = (user: string, button: { actionId: string; value: string }, dm: string, ts: string) =>
    postSlack(h.app.url, interactiveBody(blockActionPayload({ user, actionId: button.actionId, value: button.value, channel: dm, messageTs: ts, responseUrl: h.fake.responseUrl(`p${++answers}`) })), FORM);

  const priyaForm = { name: "Priya Sharma", employer: "Drukkerij Oost", function: "HR", jobTitle: "HR-adviseur", branche: "Grafisch", sizeBand: "SMALL", location: "Enschede", region: "Twente" };

  /** Sanne has used the bot (linked, so her notices go to Slack); Priya asks to join. Returns the request's DM to Sanne. */
  async function priyaAsks() {
    await slash(slackUser.coordinator, "help");
    const offer = await slash(PRIYA, "status");
    expect(offer.text).toContain(nl("error.unknownPerson"));
    expect(offer.text).toContain("Aanmelden");
    const view = await modalFor(PRIYA, "aanmelden");
    const res = await submit(PRIYA, view, priyaForm);
    expect(res.status).toBe(200);
    expect(res.text).toBe(""); // closed: the modal is answered
    await vi.waitFor(() => expect(JSON.stringify(h.fake.callsTo("chat.postEphemeral").filter((c) => c.body.user === PRIYA).map((c) => c.body))).toContain("Je aanmelding bij 99vanDemo (Twente, fictief) is verstuurd"));
    await deliver();
    const request = dmTo(slackUser.coordinator);
    expect(String(request?.body.text)).toContain("Priya Sharma (priya@drukkerij-oost.example), HR (HR-adviseur), bij Drukkerij Oost");
    return { request: request! };
  }

  it("offers to join, takes the form, and a coordinator's Accept makes the applicant a member who is told so", async () => {
    const { request } = await priyaAsks();
    const [accept] = buttonsOf(request);
    expect(accept?.action).toBe("joining.accept");

    const res = await press(slackUser.coordinator, accept!, `D${slackUser.coordinator}`, "1764064800.000200");
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(h.fake.callsTo("chat.update").at(-1)?.body)).toContain("Priya Sharma is nu lid van 99vanDemo"));

    expect(await use().prisma.person.findFirstOrThrow({ where: { email: priyaEmail }, select: { name: true, employer: { select: { name: true } } } })).toEqual({ name: "Priya Sharma", employer: { name: "Drukkerij Oost" } });
    expect((await slash(PRIYA, "help")).text).toContain("Wat ik voor je kan doen");
    await deliver();
    expect(String(dmTo(PRIYA)?.body.text)).toContain("Je aanmelding bij 99vanDemo (Twente, fictief) is geaccepteerd");
  });

  it("keeps the form open with Dutch errors next to the fields when a new employer lacks its profile, and stores nothing", async () => {
    const before = await snapshotCounts(use());
    const view = await modalFor(PRIYA, "aanmelden");

    const res = await submit(PRIYA, view, { name: "Priya", employer: "Drukkerij Oost", function: "OVERIG" });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: "errors", errors: { branche: nl("field.required"), sizeBand: nl("field.invalid"), location: nl("field.required"), region: nl("field.required") } });
    expect(await use().prisma.joinRequest.count()).toBe(0);
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("refuses a member who presses Accept, and sends the applicant a coordinator's reason for a refusal", async () => {
    const { request } = await priyaAsks();
    const [accept, refuse] = buttonsOf(request);

    await press(slackUser.bakeryHr, accept!, `D${slackUser.bakeryHr}`, "1764064800.000300");
    await vi.waitFor(() => expect(JSON.stringify(h.fake.responses().at(-1)?.body)).toContain(nl("joining.coordinatorsOnly")));
    expect(await use().prisma.joinRequest.findFirstOrThrow()).toMatchObject({ status: "PENDING" });

    await press(slackUser.coordinator, refuse!, `D${slackUser.coordinator}`, "1764064800.000400");
    const modal = await vi.waitFor(() => {
      const opened = h.fake.callsTo("views.open").at(-1);
      const view = (typeof opened?.body.view === "string" ? JSON.parse(opened.body.view) : opened?.body.view) as Json | undefined;
      if (!view || !JSON.stringify(view).includes("Aanmelding weigeren")) throw new Error("no refusal form yet");
      return view;
    });
    const res = await submit(slackUser.coordinator, modal, { reason: "Drukkerij Oost doet nog niet mee aan het netwerk." });
    expect(res.status).toBe(200);

    await vi.waitFor(async () => expect(await use().prisma.joinRequest.findFirstOrThrow()).toMatchObject({ status: "REFUSED", reason: "Drukkerij Oost doet nog niet mee aan het netwerk." }));
    await deliver();
    expect(String(dmTo(PRIYA)?.body.text)).toBe("Je aanmelding bij 99vanDemo (Twente, fictief) is niet geaccepteerd. De coördinator schrijft: Drukkerij Oost doet nog niet mee aan het netwerk.");
    expect(await use().prisma.person.count({ where: { email: priyaEmail } })).toBe(0);

    await press(slackUser.coordinator, accept!, `D${slackUser.coordinator}`, "1764064800.000400");
    await vi.waitFor(() => expect(JSON.stringify(h.fake.responses().at(-1)?.body)).toContain("is al geweigerd door Sanne Coördinator"));
  });
});
