import { expect, it } from "vitest";
import { createForm } from "../../src/chat/subgroups/commands.js";
import { reportForm } from "../../src/chat/reporting/commands.js";
import { textForm } from "../../src/chat/conditions/condition.js";
import { chatContext, type ChatContext } from "../../src/chat/context.js";
import { eventForm } from "../../src/chat/events/event-form.js";
import { refuseForm } from "../../src/chat/joining/decisions.js";
import { joinForm } from "../../src/chat/joining/join-form.js";
import { newEmployerForm } from "../../src/chat/members/employers.js";
import { addPersonForm, editPersonForm } from "../../src/chat/members/person-form.js";
import { profileForm } from "../../src/chat/members/profile.js";
import type { Form } from "../../src/chat/message.js";
import { viewEmployerProfile } from "../../src/core/members/employer-profile.js";
import { viewPerson } from "../../src/core/members/person-details.js";
import { demoEmails, seedDemoData } from "../../src/demo/demo-data.js";
import { translator, type Locale } from "../../src/i18n/index.js";
import { formCard, type CardElement } from "../../src/platforms/teams/cards.js";
import { describeEachDatabase } from "../support/databases.js";
import { chatFor } from "../support/fixtures.js";

/** Every form the chat layer opens (the builders behind each "openForm" effect), filled from the demo network. */
async function everyForm(ctx: ChatContext): Promise<Form[]> {
  const person = await ctx.core.run(viewPerson, ctx.actor, { person: demoEmails.bakeryHr });
  if (!person.ok || !person.value.employer) throw new Error(`demo person not found: ${JSON.stringify(person)}`);
  const profile = await ctx.core.run(viewEmployerProfile, ctx.actor, { employerId: person.value.employer.id });
  if (!profile.ok) throw new Error(`demo employer not found: ${JSON.stringify(profile)}`);
  const networks = [{ id: ctx.actor.networkId, name: "99vanDemo" }, { id: "other", name: "Ander netwerk" }];
  const guest = { kind: "guest", identity: { platform: "SLACK", workspaceId: "T1", userId: "U1" }, networks } as unknown as Parameters<typeof joinForm>[1];
  return [
    await eventForm(ctx),
    await textForm(ctx),
    refuseForm(ctx, "request-1"),
    joinForm(ctx.t, guest),
    newEmployerForm(ctx),
    addPersonForm(ctx),
    editPersonForm(ctx, person.value),
    profileForm(ctx, profile.value),
    await reportForm(ctx),
    createForm(ctx),
  ];
}

const inputs = (elements: CardElement[]): CardElement[] =>
  elements.flatMap((e) => [...(String(e.type).startsWith("Input.") ? [e] : []), ...inputs(Array.isArray(e.items) ? (e.items as CardElement[]) : []), ...inputs(Array.isArray(e.columns) ? (e.columns as CardElement[]) : [])]);

describeEachDatabase("Adaptive Card forms: every required input has a label", (use) => {
  for (const locale of ["nl", "en"] as Locale[]) {
    it(`labels every required input of every form card, date and time alike (${locale})`, async () => {
      const db = use();
      const { networkId } = await seedDemoData(db.prisma, new Date("2026-12-01T12:00:00Z"));
      const coordinator = await db.prisma.person.findFirstOrThrow({ where: { networkId, email: demoEmails.coordinator } });
      const deps = { db: db.prisma, cache: db.cache, now: () => new Date("2026-12-01T12:00:00Z") };
      const actor = { personId: coordinator.id, networkId, employerId: coordinator.employerId, role: "COORDINATOR" as const, locale, name: coordinator.name };
      const ctx = chatContext(chatFor(deps), actor, "TEAMS");
      const forms = await everyForm(ctx);
      const required = forms.flatMap((form) => inputs(formCard(form, translator(locale)).body).filter((i) => i.isRequired).map((i) => ({ form: form.id, id: i.id, label: i.label })));
      expect(required.map((i) => i.form)).toEqual(expect.arrayContaining(forms.filter((f) => f.fields.some((x) => x.required)).map((f) => f.id)));
      for (const input of required) expect(typeof input.label === "string" && input.label.trim() !== "", `${input.form}/${String(input.id)}`).toBe(true);
      const startTime = required.find((i) => i.id === "in_startsAt_time");
      expect(startTime?.label).toBe(locale === "nl" ? "Begin: tijd" : "Start: time");
    });
  }
});
