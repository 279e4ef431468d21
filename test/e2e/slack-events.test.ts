import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, FORM, interactiveBody, postSlack, slashBody, viewSubmissionPayload } from "../support/slack-requests.js";

type Json = Record<string, any>;

const nl = translator("nl");

/** What people read in a Slack message: header, sections, fields, context and button labels. */
function slackText(blocks: Json[]): string {
  return blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: Json) => f.text), ...(b.elements ?? []).map((e: Json) => e.text?.text ?? e.text)])
    .filter(Boolean)
    .join("\n");
}

/** The values a modal opens with, as Slack would send them back untouched. */
function prefilled(view: Json): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const block of view.blocks as Json[]) {
    const e = block.element ?? {};
    values[block.block_id] = e.initial_option?.value ?? e.initial_date_time ?? e.initial_value;
  }
  return values;
}

const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

describeEachDatabase("Slack events: announcement, RSVP buttons, copies kept up to date", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  const slash = (user: string, text: string, channel = "C0GENERAL") =>
    postSlack(h.app.url, slashBody({ user, text, channel, responseUrl: h.fake.responseUrl(`r-${user}`) }), FORM);

  /** The coordinator creates an event through the modal, from the given channel. */
  async function announce(channel: string, title: string): Promise<{ ts: string; blocks: Json[]; resubmit: () => ReturnType<typeof postSlack> }> {
    const opensBefore = h.fake.callsTo("views.open").length;
    const postsBefore = h.fake.callsTo("chat.postMessage").length;
    await slash(slackUser.coordinator, "event nieuw", channel);
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(opensBefore + 1));
    const view = h.fake.callsTo("views.open").at(-1)!.body.view as Json;
    const startsAt = unix("2026-12-10T13:00:00Z");
    const submission = viewSubmissionPayload(slackUser.coordinator, view, {
      kind: "PRAKTIJKTAFEL",
      title,
      startsAt,
      endsAt: startsAt + 2 * 3600,
      location: "Stadhuis Enschede",
      capacity: "2",
      subgroupId: "network",
    });
    const res = await postSlack(h.app.url, interactiveBody(submission), FORM);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    await vi.waitFor(() => expect(h.fake.callsTo("chat.postMessage")).toHaveLength(postsBefore + 1));
    const post = h.fake.callsTo("chat.postMessage").at(-1)!;
    expect(post.body.channel).toBe(channel);
    const stored = await vi.waitFor(() => use().prisma.eventAnnouncement.findFirstOrThrow({ where: { channelId: channel } }));
    // A second click is a new signed request (an exact replay of the first would be dropped unseen).
    const resubmit = () => postSlack(h.app.url, interactiveBody(submission), FORM, { timestamp: Math.floor(Date.now() / 1000) + 1 });
    return { ts: stored.platformMessageId, blocks: post.body.blocks as Json[], resubmit };
  }

  it("posts the announcement with RSVP buttons in the channel and remembers it", async () => {
    const db = use();
    await seedDemo(db);

    const posted = await announce("C0EVENTS", "Praktijktafel met de <!channel> wethouder");

    const text = JSON.stringify(posted.blocks);
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).not.toContain("<!channel>");
    const buttons = posted.blocks.find((b) => b.type === "actions")!.elements as Json[];
    expect(buttons.map((b) => b.action_id)).toEqual(["event.rsvp#0", "event.rsvp#1", "event.rsvp#2", "event.ics#3"]);
    const event = await db.prisma.event.findFirstOrThrow({ where: { title: "Praktijktafel met de <!channel> wethouder" } });
    expect(await db.prisma.eventAnnouncement.findMany({ where: { eventId: event.id } })).toEqual([
      expect.objectContaining({ platform: "SLACK", tenantId: "T0001", channelId: "C0EVENTS", platformMessageId: posted.ts }),
    ]);
  });

  it("creates and announces the event once when the same modal is submitted again (a double click, or Slack retrying a slow answer)", async () => {
    const db = use();
    await seedDemo(db);
    const first = await announce("C0EVENTS", "Netwerkborrel");
    const postsBefore = h.fake.callsTo("chat.postMessage").length;

    const again = await first.resubmit();

    expect(again.status).toBe(200);
    const told = nl("events.alreadyCreated", { number: 3, title: "Netwerkborrel" });
    await vi.waitFor(() => expect(JSON.stringify(h.fake.callsTo("chat.postEphemeral").map((c) => c.body.blocks))).toContain(told));
    expect(await db.prisma.event.count({ where: { title: "Netwerkborrel" } })).toBe(1);
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(postsBefore);
    expect(await db.prisma.eventAnnouncement.count({ where: { event: { title: "Netwerkborrel" } } })).toBe(1);
  });

  it("stores an RSVP from the button, updates the pressed message and the copy in another channel", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const first = await announce("C0EVENTS", "Masterclass inclusief werven");
    const event = await db.prisma.event.findFirstOrThrow({ where: { title: "Masterclass inclusief werven" } });
    // The same event announced a second time, in another channel.
    await db.prisma.eventAnnouncement.create({ data: { eventId: event.id, platform: "SLACK", tenantId: "T0001", channelId: "C0TWENTE", platformMessageId: "1764064900.000001" } });
    const yes = (first.blocks.find((b) => b.type === "actions")!.elements as Json[])[0]!;

    const res = await postSlack(
      h.app.url,
      interactiveBody(blockActionPayload({ user: slackUser.bakeryHr, actionId: yes.action_id, value: yes.value, channel: "C0EVENTS", messageTs: first.ts, responseUrl: h.fake.responseUrl("rsvp") })),
      FORM,
    );

    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo("chat.update")).toHaveLength(2));
    const joost = await actor("bakeryHr");
    expect(await db.prisma.rsvp.findFirstOrThrow({ where: { eventId: event.id, personId: joost.personId } })).toMatchObject({ response: "YES" });
    const updates = h.fake.callsTo("chat.update").map((c) => [c.body.channel, c.body.ts]);
    expect(updates).toEqual([
      ["C0EVENTS", first.ts],
      ["C0TWENTE", "1764064900.000001"],
    ]);
    // Both public copies show the new count, and nothing personal to the one who pressed.
    for (const update of h.fake.callsTo("chat.update")) {
      const text = slackText(update.body.blocks as Json[]);
      expect(text).toContain(nl("events.places.capacity", { attending: 1, capacity: 2, waitlisted: 0 }));
      expect(text).not.toContain(nl("events.mine.YES"));
    }
    // The person's own confirmation is private (response_url, ephemeral).
    await vi.waitFor(() => expect(h.fake.responses().some((r) => r.body.response_type === "ephemeral")).toBe(true));
  });

  it("forgets a copy whose message was deleted or whose channel was archived, and keeps one that failed for another reason", async () => {
    const db = use();
    await seedDemo(db);
    const first = await announce("C0EVENTS", "Netwerklunch");
    const event = await db.prisma.event.findFirstOrThrow({ where: { title: "Netwerklunch" } });
    const copyIn = (channelId: string, ts: string) =>
      db.prisma.eventAnnouncement.create({ data: { eventId: event.id, platform: "SLACK", tenantId: "T0001", channelId, platformMessageId: ts } });
    await copyIn("C0DELETED", "1764064900.000001");
    await copyIn("C0ARCHIVED", "1764064900.000002");
    await copyIn("C0BUSY", "1764064900.000003");
    const refusals: Record<string, string> = { C0DELETED: "message_not_found", C0ARCHIVED: "is_archived", C0BUSY: "internal_error" };
    h.fake.handlers["chat.update"] = (body) => {
      const error = refusals[String(body.channel)];
      return error ? { ok: false, error } : undefined;
    };
    const yes = (first.blocks.find((b) => b.type === "actions")!.elements as Json[])[0]!;
    const press = (user: string) => {
      const payload = blockActionPayload({ user, actionId: yes.action_id, value: yes.value, channel: "C0EVENTS", messageTs: first.ts, responseUrl: h.fake.responseUrl(`rsvp-${user}`) });
      return postSlack(h.app.url, interactiveBody(payload), FORM);
    };
    const storedChannels = async () => (await db.prisma.eventAnnouncement.findMany({ where: { eventId: event.id }, orderBy: { channelId: "asc" } })).map((a) => a.channelId);

    expect((await press(slackUser.bakeryHr)).status).toBe(200);

    await vi.waitFor(async () => expect(await storedChannels()).toEqual(["C0BUSY", "C0EVENTS"]));
    expect(h.fake.callsTo("chat.update").map((c) => c.body.channel).sort()).toEqual(["C0ARCHIVED", "C0BUSY", "C0DELETED", "C0EVENTS"]);

    // The next RSVP writes only to the copies still there; both RSVPs are stored.
    h.fake.calls.length = 0;
    expect((await press(slackUser.logisticsHr)).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo("chat.update").map((c) => c.body.channel).sort()).toEqual(["C0BUSY", "C0EVENTS"]));
    expect(await db.prisma.rsvp.count({ where: { eventId: event.id, response: "YES" } })).toBe(2);
  });

  it("answers an RSVP by slash command, keeps the waiting list in order and refreshes the channel copy each time", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const posted = await announce("C0EVENTS", "Kleine tafel");
    const event = await db.prisma.event.findFirstOrThrow({ where: { title: "Kleine tafel" } });
    const places = (attending: number, waitlisted: number) => nl("events.places.capacity", { attending, capacity: 2, waitlisted });
    expect(slackText(posted.blocks)).toContain(places(0, 0));

    const expected = [places(1, 0), places(2, 0), places(2, 1)];
    for (const [i, user] of [slackUser.bakeryHr, slackUser.logisticsHr, slackUser.careBuyer].entries()) {
      const res = await slash(user, `rsvp ${event.number} ja`);
      expect(res.json).toMatchObject({ response_type: "ephemeral" });
      // The typed RSVP has no message to update: the refresh writes the announcement in the channel.
      await vi.waitFor(() => expect(h.fake.callsTo("chat.update")).toHaveLength(i + 1));
      const update = h.fake.callsTo("chat.update")[i]!;
      expect([update.body.channel, update.body.ts]).toEqual(["C0EVENTS", posted.ts]);
      expect(slackText(update.body.blocks as Json[])).toContain(expected[i]);
    }

    const fleur = await actor("careBuyer");
    expect(await db.prisma.rsvp.findFirstOrThrow({ where: { eventId: event.id, personId: fleur.personId } })).toMatchObject({ response: "YES", waitlisted: true });
    const told = await slash(slackUser.careBuyer, `rsvp ${event.number} ja`);
    expect(slackText((told.json as Json).blocks as Json[])).toContain(nl("events.reply.waitlisted", { title: "Kleine tafel", position: 1 }));
  });

  it("shows the coordinator who comes and the waiting list in order, and refuses a member", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    await announce("C0EVENTS", "Kleine tafel");
    const event = await db.prisma.event.findFirstOrThrow({ where: { title: "Kleine tafel" } });
    const order = ["bakeryHr", "logisticsHr", "careBuyer", "bakeryDirector"] as const;
    for (const key of order) expect((await slash(slackUser[key], `rsvp ${event.number} ja`)).status).toBe(200);
    await slash(slackUser.coordinator, `rsvp ${event.number} nee`);
    const line = async (key: (typeof order)[number], prefix: string) => {
      const person = await db.prisma.person.findUniqueOrThrow({ where: { id: (await actor(key)).personId }, select: { name: true, employer: { select: { name: true } } } });
      return `${prefix} ${person.name} (${person.employer?.name ?? nl("events.attendees.noEmployer")})`;
    };

    const res = await slash(slackUser.coordinator, `deelnemers ${event.number}`);

    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    const text = slackText((res.json as Json).blocks as Json[]);
    expect(text).toContain(nl("events.attendees.title", { number: event.number, title: "Kleine tafel" }));
    expect(text).toContain([nl("events.attendees.attending", { count: 2 }), await line("bakeryHr", "•"), await line("logisticsHr", "•")].join("\n"));
    expect(text).toContain([nl("events.attendees.waitlist", { count: 2 }), await line("careBuyer", "1."), await line("bakeryDirector", "2.")].join("\n"));
    expect(text).toContain(nl("events.attendees.declined", { count: 1 }));

    const before = h.fake.calls.length;
    const refused = await slash(slackUser.bakeryHr, `deelnemers ${event.number}`);
    expect(refused.json).toMatchObject({ response_type: "ephemeral" });
    const refusal = slackText((refused.json as Json).blocks as Json[]);
    expect(refusal).toContain(nl("chat.coordinatorOnly", { command: "deelnemers" }));
    expect(refusal).not.toContain(await line("careBuyer", "1."));
    expect(h.fake.calls.slice(before).filter((c) => c.method !== "users.info")).toEqual([]);
  });

  it("brings every channel copy up to date when the coordinator changes the event, then shows it cancelled without buttons", async () => {
    const db = use();
    await seedDemo(db);
    const first = await announce("C0EVENTS", "Praktijktafel met de wethouder");
    const event = await db.prisma.event.findFirstOrThrow({ where: { title: "Praktijktafel met de wethouder" } });
    await db.prisma.eventAnnouncement.create({ data: { eventId: event.id, platform: "SLACK", tenantId: "T0001", channelId: "C0TWENTE", platformMessageId: "1764064900.000001" } });
    // Posted in another workspace: not this one's to write to.
    await db.prisma.eventAnnouncement.create({ data: { eventId: event.id, platform: "SLACK", tenantId: "T0OTHER", channelId: "C0ELDERS", platformMessageId: "1764064900.000002" } });
    const copies = [
      ["C0EVENTS", first.ts],
      ["C0TWENTE", "1764064900.000001"],
    ];

    // The change: another place, two hours later (16:00–18:00 in Amsterdam).
    await slash(slackUser.coordinator, `event wijzig ${event.number}`, "C0EVENTS");
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(2));
    const form = h.fake.callsTo("views.open").at(-1)!.body.view as Json;
    const changed = { ...prefilled(form), location: "Raadhuis Hengelo", startsAt: unix("2026-12-10T15:00:00Z"), endsAt: unix("2026-12-10T17:00:00Z") };
    const res = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.coordinator, form, changed)), FORM);

    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    await vi.waitFor(() => expect(h.fake.callsTo("chat.update")).toHaveLength(2));
    const edited = h.fake.callsTo("chat.update");
    expect(edited.map((c) => [c.body.channel, c.body.ts])).toEqual(copies);
    for (const update of edited) {
      const text = slackText(update.body.blocks as Json[]);
      expect(text).toContain("Raadhuis Hengelo");
      expect(text).not.toContain("Stadhuis Enschede");
      expect(text).toContain("16:00 – 18:00");
      expect(text).toContain(nl("events.button.yes"));
    }

    const asking = await slash(slackUser.coordinator, `event annuleer ${event.number}`, "C0EVENTS");
    // Asked first, privately, with how many are told; nothing changes until the coordinator confirms.
    expect(asking.json).toMatchObject({ response_type: "ephemeral" });
    const askBlocks = (asking.json as Json).blocks as Json[];
    expect(slackText(askBlocks)).toContain(nl("events.cancel.confirmText", { count: 0 }));
    expect(await db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "SCHEDULED" });
    const yes = askBlocks.flatMap((b) => b.elements ?? []).find((e: Json) => e.text?.text === nl("events.cancel.button"));
    const press = blockActionPayload({ user: slackUser.coordinator, actionId: yes.action_id, value: yes.value, channel: "C0EVENTS", responseUrl: h.fake.responseUrl("r-confirm") });
    (press.container as Json).is_ephemeral = true;
    expect((await postSlack(h.app.url, interactiveBody(press), FORM)).status).toBe(200);

    await vi.waitFor(() => expect(h.fake.callsTo("chat.update")).toHaveLength(4));
    const cancelled = h.fake.callsTo("chat.update").slice(2);
    expect(cancelled.map((c) => [c.body.channel, c.body.ts])).toEqual(copies);
    for (const update of cancelled) {
      const blocks = update.body.blocks as Json[];
      expect(slackText(blocks)).toContain(nl("events.cancelledTitle", { title: "Praktijktafel met de wethouder" }));
      expect(slackText(blocks)).toContain(nl("events.cancelledNote"));
      expect(blocks.some((b) => b.type === "actions")).toBe(false);
    }
    // The coordinator is told privately, in the ack; the other workspace's copy was never touched.
    // The confirmation itself is replaced by what happened (through its response_url).
    const told = nl("events.cancelled", { number: event.number, title: "Praktijktafel met de wethouder", count: 0 });
    await vi.waitFor(() => expect(h.fake.responses().filter((r) => r.method === "response/r-confirm").map((r) => slackText(((r.body as Json).blocks ?? []) as Json[])).join("\n")).toContain(told));
    expect(h.fake.callsTo("chat.update").some((c) => c.body.channel === "C0ELDERS")).toBe(false);
  });
});
