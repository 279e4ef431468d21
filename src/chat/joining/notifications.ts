import { z } from "zod";
import { translator, isLocale, type MessageKey, type Translate } from "../../i18n/index.js";
import { ACCEPT_ACTION, REFUSE_ACTION } from "./decisions.js";
import type { ChatMessage } from "../message.js";
import type { NotificationRenderer } from "../notification-renderer.js";

// The payloads written by core/joining; parsed, so an old or damaged row fails loudly.
const requested = z.object({
  requestId: z.string(),
  name: z.string(),
  email: z.string(),
  employer: z.string(),
  newEmployer: z.object({ branche: z.string(), sizeBand: z.string(), location: z.string(), region: z.string() }).nullable(),
  function: z.string(),
  jobTitle: z.string().nullable(),
  networkName: z.string(),
});
const decided = z.object({ networkName: z.string() });
const refused = decided.extend({ reason: z.string().nullable(), locale: z.string() });

function renderRequested(t: Translate, _locale: string, data: Record<string, unknown>): ChatMessage {
  const d = requested.parse(data);
  const fn = t(`directory.function.${d.function}` as MessageKey);
  const text = t("joining.notice.requested", { network: d.networkName, name: d.name, email: d.email, function: fn, jobTitle: d.jobTitle ? ` (${d.jobTitle})` : "", employer: d.employer });
  const profile = d.newEmployer
    ? [d.newEmployer.branche, t(`directory.size.${d.newEmployer.sizeBand}` as MessageKey), d.newEmployer.location, d.newEmployer.region].join(", ")
    : undefined;
  const value = JSON.stringify({ requestId: d.requestId });
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      ...(profile ? [{ type: "context" as const, text: t("joining.notice.newEmployer", { employer: d.employer, profile }) }] : []),
      {
        type: "actions",
        buttons: [
          { action: ACCEPT_ACTION, label: t("joining.button.accept"), value, style: "primary" },
          { action: REFUSE_ACTION, label: t("joining.button.refuse"), value, style: "danger" },
        ],
      },
    ],
  };
}

/** To an applicant who is no person of ours: in the language they asked in. */
function renderRefused(_t: Translate, _locale: string, data: Record<string, unknown>): ChatMessage {
  const d = refused.parse(data);
  const t = translator(isLocale(d.locale) ? d.locale : "nl");
  const text = d.reason ? t("joining.notice.refusedReason", { network: d.networkName, reason: d.reason }) : t("joining.notice.refused", { network: d.networkName });
  return { summary: text, blocks: [{ type: "text", text }] };
}

function renderAccepted(t: Translate, _locale: string, data: Record<string, unknown>): ChatMessage {
  const text = t("joining.notice.accepted", { network: decided.parse(data).networkName });
  return { summary: text, blocks: [{ type: "text", text }] };
}

export const joiningRenderers: NotificationRenderer[] = [
  { kind: "join.requested", render: renderRequested },
  { kind: "join.accepted", render: renderAccepted },
  { kind: "join.refused", render: renderRefused },
];
