import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";
import { slackUser } from "../support/slack-app.js";
import { LOG_LEVEL, startLoggedSlackHarness } from "../support/slack-logged-app.js";
import { FORM, interactiveBody, postSlack, slashBody, viewSubmissionPayload } from "../support/slack-requests.js";

type Json = Record<string, any>;
const nl = translator("nl");
const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

/**
 * After a modal there is no response_url: the answer goes to the channel the form was opened
 * from, which can be one the bot cannot write in (a private channel without it, an archived one).
 */
describeEachDatabase("Slack: answering a modal submitted from a channel the bot cannot reach", (use) => {
  let h: Awaited<ReturnType<typeof startLoggedSlackHarness>>;
  beforeEach(async () => {
    h = await startLoggedSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  /** Slack refuses `method` in `channel` with `error`, as it does for a channel the bot is not in. */
  const refuse = (method: string, channel: string, error: string) => {
    h.fake.handlers[method] = (body) => (body.channel === channel ? { ok: false, error } : undefined);
  };
  const textOf = (call: { body: Json }) => JSON.stringify(call.body.blocks ?? call.body.text);
  const postsTo = (channel: string) => h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);

  /** The coordinator opens the event form with /netwerk in `channel` and submits it. */
  async function createEventFrom(channel: string, title: string) {
    await postSlack(h.app.url, slashBody({ user: slackUser.coordinator, text: "event nieuw", channel, responseUrl: h.fake.responseUrl("r-coord") }), FORM);
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    const view = h.fake.callsTo("views.open")[0]!.body.view as Json;
    const startsAt = unix("2026-12-10T13:00:00Z");
    const values = { kind: "PRAKTIJKTAFEL", title, startsAt, endsAt: startsAt + 7200, location: "Stadhuis Enschede", capacity: "20", subgroupId: "network" };
    const res = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.coordinator, view, values)), FORM);
    expect(res.status).toBe(200);
    // The modal closes: the form was valid and saved.
    expect(res.text).toBe("");
    return use().prisma.event.findFirstOrThrow({ where: { title } });
  }

  it("announces in the channel and confirms by DM when only the ephemeral reply is refused there", async () => {
    await seedDemo(use());
    // A public channel the bot is not a member of: chat:write.public lets it post, not whisper.
    refuse("chat.postEphemeral", "C0OPEN", "channel_not_found");

    const event = await createEventFrom("C0OPEN", "Praktijktafel open kanaal");

    await vi.waitFor(() => expect(postsTo(slackUser.coordinator)).toHaveLength(1));
    expect(textOf(postsTo(slackUser.coordinator)[0]!)).toContain(nl("events.created", { number: event.number, title: event.title }));
    await vi.waitFor(() => expect(postsTo("C0OPEN")).toHaveLength(1));
    expect(textOf(postsTo("C0OPEN")[0]!)).toContain("Praktijktafel open kanaal");
    await vi.waitFor(async () =>
      expect(await use().prisma.eventAnnouncement.findMany({ where: { eventId: event.id }, select: { platform: true, channelId: true } })).toEqual([{ platform: "SLACK", channelId: "C0OPEN" }]),
    );
    // Nothing went wrong from the coordinator's point of view: no apology anywhere.
    expect(JSON.stringify(h.fake.calls.map((c) => c.body))).not.toContain(nl("error.unexpected"));
    expect(h.logs.filter((l) => l.level >= LOG_LEVEL.error)).toEqual([]);
  });

  it("confirms and announces in the coordinator's DM, with the reason, when the bot cannot write in that private channel", async () => {
    await seedDemo(use());
    refuse("chat.postEphemeral", "G0PRIVATE", "channel_not_found");
    refuse("chat.postMessage", "G0PRIVATE", "channel_not_found");

    const event = await createEventFrom("G0PRIVATE", "Kenniskring besloten kanaal");

    await vi.waitFor(() => expect(postsTo(slackUser.coordinator)).toHaveLength(3));
    const [confirmation, note, announcement] = postsTo(slackUser.coordinator).map(textOf);
    expect(confirmation).toContain(nl("events.created", { number: event.number, title: event.title }));
    expect(note).toContain("/invite @Netwerkbot");
    expect(announcement).toContain("Kenniskring besloten kanaal");
    expect(announcement).toContain("event.rsvp#0");
    // The DM copy is remembered, so RSVP counts on it are kept up to date like any other copy.
    await vi.waitFor(async () =>
      expect(await use().prisma.eventAnnouncement.findMany({ where: { eventId: event.id }, select: { channelId: true } })).toEqual([{ channelId: slackUser.coordinator }]),
    );
    expect(JSON.stringify(h.fake.calls.map((c) => c.body))).not.toContain(nl("error.unexpected"));
    expect(h.logs.filter((l) => l.level >= LOG_LEVEL.error)).toEqual([]);
    expect(h.logs.filter((l) => l.level === LOG_LEVEL.warn).map((l) => [l.channel, l.slackError])).toEqual([["G0PRIVATE", "channel_not_found"]]);
  });

  it("still announces the saved event when the confirmation fails for another reason, and logs that failure", async () => {
    await seedDemo(use());
    h.fake.handlers["chat.postEphemeral"] = () => ({ ok: false, error: "fatal_error" });

    const event = await createEventFrom("C0EVENTS", "Masterclass ondanks storing");

    await vi.waitFor(() => expect(postsTo("C0EVENTS")).toHaveLength(1));
    expect(textOf(postsTo("C0EVENTS")[0]!)).toContain("Masterclass ondanks storing");
    await vi.waitFor(async () => expect(await use().prisma.eventAnnouncement.count({ where: { eventId: event.id, channelId: "C0EVENTS" } })).toBe(1));
    await vi.waitFor(() =>
      expect(h.logs.filter((l) => l.level === LOG_LEVEL.error && l.effect === "reply")).toEqual([expect.objectContaining({ slackError: "fatal_error" })]),
    );
  });
});
