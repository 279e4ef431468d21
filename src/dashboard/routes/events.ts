import { randomUUID } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { attendeeList, cancelEvent, createEvent, eventFormChoices, removeAttendee, updateEvent } from "../../core/events/index.js";
import { eventsToManage } from "../../core/events/manage-list.js";
import type { CoreDeps } from "../../core/deps.js";
import { cancelConfirmPage, EVENT_FIELD_IDS, eventPage, eventPath, EVENTS_PATH, eventsPage, eventValues, newEventPage, removeAttendeeConfirmPage } from "../pages/events.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, viewer } from "../session.js";
import { coordinatorOnly, doneNotice, emptyForm, failedForm, formStatus, posted } from "./manage.js";

const doneKeys = {
  created: "dashboard.actions.events.done.created",
  saved: "dashboard.actions.events.done.saved",
  cancelled: "dashboard.actions.events.done.cancelled",
  removed: "dashboard.actions.events.done.removed",
} as const;

// The hidden key of one opened form: posting it twice (a double click, a reload) creates one event.
const formKeyField = z.string().uuid().optional().catch(undefined);

/** Coordinators: the events of chat (agenda, evenement nieuw/wijzig/annuleer, deelnemers) on the dashboard, through the same use cases. */
export function eventRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get(EVENTS_PATH, async (req, res) => {
    const result = await eventsToManage(deps, viewer(res));
    if (!answered(res, result)) return;
    res.type("html").send(eventsPage(pageContext(res), result.value, doneNotice(res, req, doneKeys)));
  });

  router.get(`${EVENTS_PATH}/new`, async (_req, res) => {
    if (!coordinatorOnly(res)) return;
    const choices = await eventFormChoices(deps, viewer(res).networkId);
    res.type("html").send(newEventPage(pageContext(res), choices, randomUUID(), emptyForm({ kind: "PRAKTIJKTAFEL", subgroupId: "network" })));
  });

  router.post(`${EVENTS_PATH}/new`, async (req, res) => {
    const values = posted(req, EVENT_FIELD_IDS);
    const formKey = formKeyField.parse((req.body as Record<string, unknown>).formKey);
    const result = await createEvent(deps, viewer(res), values, formKey);
    if (result.ok) return res.redirect(303, `${eventPath(result.value.event.number)}?done=created`);
    if (result.error.reason === "notAllowed") return answered(res, result);
    const choices = await eventFormChoices(deps, viewer(res).networkId);
    res.status(formStatus(result.error)).type("html").send(newEventPage(pageContext(res), choices, formKey ?? randomUUID(), failedForm(res, result.error, values, EVENT_FIELD_IDS)));
  });

  router.get(`${EVENTS_PATH}/:number`, async (req, res) => {
    await showEvent(deps, req, res, null, doneNotice(res, req, doneKeys));
  });

  router.post(`${EVENTS_PATH}/:number/edit`, async (req, res) => {
    const values = posted(req, EVENT_FIELD_IDS);
    const result = await updateEvent(deps, viewer(res), { ...values, number: req.params.number });
    if (result.ok) return res.redirect(303, `${eventPath(result.value.event.number)}?done=saved`);
    if (result.error.reason !== "invalid") return answered(res, result);
    await showEvent(deps, req, res, { status: formStatus(result.error), ...failedForm(res, result.error, values, EVENT_FIELD_IDS) }, null);
  });

  router.get(`${EVENTS_PATH}/:number/cancel`, async (req, res) => {
    const list = await attendeeList(deps, viewer(res), { number: req.params.number });
    if (!answered(res, list)) return;
    if (list.value.event.status === "CANCELLED") return res.redirect(303, eventPath(list.value.event.number));
    res.type("html").send(cancelConfirmPage(pageContext(res), list.value));
  });

  router.post(`${EVENTS_PATH}/:number/cancel`, async (req, res) => {
    const result = await cancelEvent(deps, viewer(res), { number: req.params.number });
    if (!answered(res, result)) return;
    res.redirect(303, `${EVENTS_PATH}?done=cancelled`);
  });

  router.get(`${EVENTS_PATH}/:number/attendees/:personId/remove`, async (req, res) => {
    const list = await attendeeList(deps, viewer(res), { number: req.params.number });
    if (!answered(res, list)) return;
    const { attending, waitlist, maybe } = list.value;
    const person = [...attending, ...waitlist, ...maybe].find((a) => a.personId === req.params.personId);
    if (!person) return answered(res, { ok: false, error: { reason: "notFound", key: "events.attendee.notFound" } });
    res.type("html").send(removeAttendeeConfirmPage(pageContext(res), list.value, person, attending.includes(person)));
  });

  router.post(`${EVENTS_PATH}/:number/attendees/:personId/remove`, async (req, res) => {
    const result = await removeAttendee(deps, viewer(res), { number: req.params.number, personId: req.params.personId });
    if (!answered(res, result)) return;
    res.redirect(303, `${eventPath(req.params.number)}?done=removed`);
  });

  return router;
}

type Failed = ReturnType<typeof failedForm> & { status: number };

async function showEvent(deps: CoreDeps, req: Request, res: Response, failed: Failed | null, done: string | null): Promise<void> {
  const list = await attendeeList(deps, viewer(res), { number: req.params.number });
  if (!answered(res, list)) return;
  const choices = await eventFormChoices(deps, list.value.event.networkId);
  const state = failed ?? emptyForm(eventValues(list.value.event));
  res.status(failed?.status ?? 200).type("html").send(eventPage(pageContext(res), list.value, choices, state, done));
}
