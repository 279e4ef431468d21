import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { readableText } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, FORM, interactiveBody, postSlack, slashBody, viewSubmissionPayload } from "../support/slack-requests.js";

type Json = Record<string, any>;
const nl = translator("nl");

/** Issue 12: the optional report detail over the real Bolt app (signed requests, fake Slack API). */
describeEachDatabase("Slack report detail", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  const slash = (user: string, text: string) => postSlack(h.app.url, slashBody({ user, text, responseUrl: h.fake.responseUrl(`r-${user}`) }), FORM);
  const buttons = (blocks: Json[]): Json[] => blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));

  it("takes the detail in one line, shows it in banen with a decimal comma, and the coordinator's status adds it up", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    const res = await slash(slackUser.bakeryHr, "rapporteer 3 uren 76,5 dienstverband 2 inleen 1 doelgroep 2 stage 1 bbl 1");

    expect(res.status).toBe(200);
    const answer = readableText(res.json as Json);
    expect(answer).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 3, ambition: 12 }));
    expect(answer).toContain("3,0 banen (76,5 uur per week) · Dienstverband 2 · inleen 1 · niet opgegeven 0");
    const report = await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } });
    expect(report).toMatchObject({ realised: 3, hoursPerWeek: 76.5, employment: 2, hiredIn: 1, targetGroupYes: 2, internships: 1, bblTrajectories: 1, trialPlacements: null });

    const status = readableText((await slash(slackUser.coordinator, "status")).json as Json);
    expect(status).toContain(nl("figures.banen"));
    expect(status).toMatch(/3,0 \(uren van 3 van \d+ personen\)/);
    expect(status).toContain("Trajecten (geen banen): stage 1 · werkervaringsplek 0 · proefplaatsing 0 · BBL 1");
    const history = readableText((await slash(slackUser.coordinator, "historie")).json as Json);
    expect(history).toContain("3,0 banen (uren van 3 personen)");
  });

  it("keeps 'rapporteer 3' the fast path and refuses parts that exceed the whole, storing nothing", async () => {
    const db = use();
    await seedDemo(db);
    await slash(slackUser.bakeryHr, "help"); // links the Slack user first
    const before = await snapshotCounts(db);

    const refused = readableText((await slash(slackUser.bakeryHr, "rapporteer 2 dienstverband 2 inleen 1")).json as Json);
    expect(refused).toContain(nl("field.splitTooMany", { given: 3, people: 2 }));
    const tooManyHours = readableText((await slash(slackUser.bakeryHr, "rapporteer 1 uren 61")).json as Json);
    expect(tooManyHours).toContain(nl("field.hoursTooMany", { people: 1, max: 60, perPerson: 60 }));
    expect(readableText((await slash(slackUser.bakeryHr, "rapporteer 2 banaan 1")).json as Json)).toContain("uren, dienstverband, inleen");
    expect(await snapshotCounts(db)).toEqual(before);

    const fast = await slash(slackUser.bakeryHr, "rapporteer 3");
    const blocks = (fast.json as Json).blocks as Json[];
    expect(readableText(fast.json as Json)).toContain(nl("reporting.detail.offer"));
    expect(buttons(blocks).map((b) => b.text.text)).toEqual([nl("reporting.detail.button")]);
    expect((await snapshotCounts(db)).reports).toBe(before.reports + 1);
  });

  it("opens the detail modal from 'Details toevoegen', keeps it open with a field error, then stores the detail as a new version", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    const first = await slash(slackUser.bakeryHr, "rapporteer 3 opmerking zomerbanen");
    const button = buttons((first.json as Json).blocks).find((b) => String(b.action_id).startsWith("report.detail.open"))!;
    expect(button).toBeDefined();

    const click = await postSlack(h.app.url, interactiveBody(blockActionPayload({ user: slackUser.bakeryHr, actionId: button.action_id, value: button.value, responseUrl: h.fake.responseUrl("d1") })), FORM);
    expect(click.status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    const view = h.fake.callsTo("views.open")[0]!.body.view as Json;
    expect(view.callback_id).toBe("form:report.detail");
    expect(view.blocks.map((b: Json) => b.block_id)).toEqual([
      "realised", "hoursPerWeek", "employment", "hiredIn", "targetGroupYes", "targetGroupNo", "targetGroupUnknown", "internships", "workExperience", "trialPlacements", "bblTrajectories",
    ]);
    expect(view.blocks[0].element.initial_value).toBe("3");

    const before = await snapshotCounts(db);
    const invalid = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.bakeryHr, view, { realised: "3", hoursPerWeek: "200", targetGroupYes: "2", targetGroupNo: "2" })), FORM);
    expect(invalid.json).toMatchObject({
      response_action: "errors",
      errors: { hoursPerWeek: nl("field.hoursTooMany", { people: 3, max: 180, perPerson: 60 }), targetGroupYes: nl("field.targetGroupTooMany", { given: 4, people: 3 }) },
    });
    expect(await snapshotCounts(db)).toEqual(before);

    const valid = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.bakeryHr, view, { realised: "3", hoursPerWeek: "38,25", employment: "1", hiredIn: "2", workExperience: "1" })), FORM);
    expect(valid.status).toBe(200);
    expect(valid.text).toBe("");
    await vi.waitFor(() => expect(h.fake.callsTo("chat.postEphemeral").length).toBeGreaterThanOrEqual(1));
    expect(JSON.stringify(h.fake.callsTo("chat.postEphemeral").at(-1)!.body)).toContain("1,5 banen (38,25 uur per week)");
    const revisions = await db.prisma.placementReportRevision.findMany({
      where: { report: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } },
      orderBy: { version: "asc" },
      select: { version: true, realised: true, remark: true, hoursPerWeek: true, employment: true, hiredIn: true, workExperience: true },
    });
    // The detail step keeps the remark of the first step; both versions stay.
    expect(revisions).toEqual([
      { version: 1, realised: 3, remark: "zomerbanen", hoursPerWeek: null, employment: null, hiredIn: null, workExperience: null },
      { version: 2, realised: 3, remark: "zomerbanen", hoursPerWeek: 38.25, employment: 1, hiredIn: 2, workExperience: 1 },
    ]);
  });

  it("sets the ambition's target date with 'profiel ambitie 100 31-12-2028' and in the profile modal's date picker", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    const answer = readableText((await slash(slackUser.bakeryHr, "profiel ambitie 100 31-12-2028")).json as Json);
    expect(answer).toContain("100 (doel 31 december 2028)");
    const employer = () => db.prisma.employer.findUniqueOrThrow({ where: { id: joost.employerId! }, select: { ambition: true, ambitionTargetDate: true } });
    expect(await employer()).toEqual({ ambition: 100, ambitionTargetDate: new Date("2028-12-31T00:00:00Z") });
    expect(readableText((await slash(slackUser.bakeryHr, "profiel ambitie 100 31-13-2028")).json as Json)).toContain(nl("field.targetDate"));

    await slash(slackUser.bakeryHr, "profiel bewerk");
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    const view = h.fake.callsTo("views.open")[0]!.body.view as Json;
    const picker = view.blocks.find((b: Json) => b.block_id === "ambitionTargetDate");
    expect(picker.element).toMatchObject({ type: "datepicker", initial_date: "2028-12-31" });
    const values = Object.fromEntries(view.blocks.map((b: Json) => [b.block_id, b.element.initial_value ?? b.element.initial_option?.value ?? b.element.initial_date]));
    const saved = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.bakeryHr, view, { ...values, ambitionTargetDate: "2029-06-30" })), FORM);
    expect(saved.status).toBe(200);
    expect(await employer()).toEqual({ ambition: 100, ambitionTargetDate: new Date("2029-06-30T00:00:00Z") });
    const changes = await db.prisma.employerAmbitionChange.findMany({ where: { employerId: joost.employerId! }, orderBy: { changedAt: "asc" }, select: { ambition: true, targetDate: true, source: true } });
    expect(changes.slice(-2)).toEqual([
      { ambition: 100, targetDate: new Date("2028-12-31T00:00:00Z"), source: "PROFILE" },
      { ambition: 100, targetDate: new Date("2029-06-30T00:00:00Z"), source: "PROFILE" },
    ]);
  });
});
