import type { PersonDetails, PlatformLink } from "../../core/members/person-details.js";
import type { PersonRow } from "../../core/members/list-people.js";
import { platformName } from "../../core/members/schema.js";
import { formatDate } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/index.js";
import { functionLabel } from "../directory/commands.js";
import type { ChatContext } from "../context.js";
import type { Button, ChatMessage } from "../message.js";

export const PERSON_EDIT_ACTION = "members.person.edit";
export const PERSON_REMOVE_ASK_ACTION = "members.person.remove.ask";
export const PERSON_REMOVE_CONFIRM_ACTION = "members.person.remove.confirm";
export const PERSON_REMOVE_CANCEL_ACTION = "members.person.remove.cancel";
export const PERSON_UNLINK_ACTION = "members.person.unlink";

type Listed = Pick<PersonRow, "name" | "email" | "function" | "jobTitle" | "role" | "reportingContact">;

/** "Joost Bakker — HR, joost@… · rapporteert": one line in a list of people. */
export function personLine(ctx: ChatContext, p: Listed): string {
  const role = [functionLabel(ctx, p.function), p.jobTitle, p.email].filter(Boolean).join(", ");
  const marks = [p.role === "COORDINATOR" ? ctx.t("members.person.markCoordinator") : null, p.reportingContact ? ctx.t("members.person.markReports") : null].filter(Boolean);
  return [`${p.name} — ${role}`, ...marks].join(" · ");
}


export function linkLine(ctx: ChatContext, link: PlatformLink): string {
  const where = ctx.t(link.platform === "TEAMS" ? "members.person.tenant" : "members.person.workspace", { id: link.tenantId });
  return ctx.t("members.person.linkLine", { platform: platformName(link.platform), where, since: formatDate(ctx.locale, link.linkedAt) });
}

export const languageLabel = (ctx: ChatContext, locale: string | null) =>
  ctx.t((locale ? `members.person.language.${locale}` : "members.person.language.network") as MessageKey);

/** A person with their Slack and Teams links, for coordinators, with the buttons to act on them. */
export function personCard(ctx: ChatContext, p: PersonDetails, notice?: string): ChatMessage {
  const employer = p.employer ? `${p.employer.name}${p.employer.archivedAt ? ` (${ctx.t("members.employer.archivedShort")})` : ""}` : "—";
  const links = p.links.length
    ? [ctx.t("members.person.links"), ...p.links.map((l) => `• ${linkLine(ctx, l)}`)].join("\n")
    : ctx.t("members.person.noLinks");
  const unlink: Button[] = p.links.map((l) => ({
    action: PERSON_UNLINK_ACTION,
    label: ctx.t("members.person.button.unlink", { platform: platformName(l.platform), id: l.tenantId }),
    value: JSON.stringify({ person: p.personId, identityId: l.identityId }),
  }));
  return {
    summary: notice ?? p.name,
    blocks: [
      { type: "header", text: p.name },
      ...(notice ? [{ type: "context" as const, text: notice }] : []),
      {
        type: "fields",
        fields: [
          { label: ctx.t("members.add.email"), value: p.email ?? "—" },
          { label: ctx.t("members.add.employer"), value: employer },
          { label: ctx.t("members.add.function"), value: functionLabel(ctx, p.function) },
          { label: ctx.t("members.add.jobTitle"), value: p.jobTitle ?? "—" },
          { label: ctx.t("members.add.role"), value: ctx.t(p.role === "COORDINATOR" ? "members.add.roleCoordinator" : "members.add.roleMember") },
          { label: ctx.t("members.add.reportingContact"), value: ctx.t(p.reportingContact ? "members.add.yes" : "members.add.no") },
          { label: ctx.t("members.person.language"), value: languageLabel(ctx, p.locale) },
        ],
      },
      { type: "text", text: links },
      {
        type: "actions",
        buttons: [
          { action: PERSON_EDIT_ACTION, label: ctx.t("members.person.button.edit"), value: p.personId },
          { action: PERSON_REMOVE_ASK_ACTION, label: ctx.t("members.person.button.remove"), value: p.personId, style: "danger" },
          ...unlink,
        ],
      },
    ],
  };
}

/** Removal is the AVG erasure: said plainly, with what stays, before the coordinator confirms. */
export function removeConfirmation(ctx: ChatContext, p: Pick<PersonDetails, "personId" | "name" | "employer">): ChatMessage {
  const title = ctx.t("members.person.remove.confirm", { name: p.name });
  return {
    summary: title,
    blocks: [
      { type: "header", text: title },
      { type: "text", text: ctx.t("members.person.remove.explain", { employer: p.employer?.name ?? "—" }) },
      {
        type: "actions",
        buttons: [
          { action: PERSON_REMOVE_CONFIRM_ACTION, label: ctx.t("members.person.remove.button"), value: p.personId, style: "danger" },
          { action: PERSON_REMOVE_CANCEL_ACTION, label: ctx.t("members.erase.button.cancel"), value: "" },
        ],
      },
    ],
  };
}
