import { ADMIN_PERSON_ID } from "../dashboard/sign-in.js";

/**
 * Whoever hosts the bot: the admin CLI, or the dashboard session opened with ADMIN_TOKEN. Only
 * they set up networks, coordinators and workspace bindings; no person of a network can. The
 * use cases take this type, so a chat or dashboard actor cannot be passed by mistake.
 */
export interface AdminOperator {
  kind: "admin";
  /** What the audit log records as the actor. */
  personId: typeof ADMIN_PERSON_ID;
}

export const adminOperator: AdminOperator = { kind: "admin", personId: ADMIN_PERSON_ID };

export const isAdminOperator = (value: unknown): value is AdminOperator =>
  typeof value === "object" && value !== null && (value as AdminOperator).kind === "admin" && (value as AdminOperator).personId === ADMIN_PERSON_ID;
