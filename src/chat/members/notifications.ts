import { z } from "zod";
import { LISTINGS } from "../../core/directory/listing.js";
import { WELCOME_KIND } from "../../core/members/welcome.js";
import { conditionName, confirmationBlocks } from "../conditions/blocks.js";
import { listingButtons, listingLabel } from "../directory/listing-blocks.js";
import type { Block, ChatMessage } from "../message.js";
import type { NotificationRenderer } from "../notification-renderer.js";

const confirmPayload = z.object({ condition: z.string(), textId: z.string(), version: z.number(), text: z.string() });

// Payloads come back from the database: parsed, so an old or damaged row fails loudly.
const welcomePayload = z.object({
  networkName: z.string(),
  name: z.string(),
  reportingContact: z.boolean(),
  listing: z.enum(LISTINGS),
  employerId: z.string().nullable(),
  employerName: z.string().nullable(),
  profileForm: z.boolean(),
  confirm: confirmPayload.nullable(),
});

const askPayload = confirmPayload.extend({ networkName: z.string(), employerName: z.string() });

/** The one message a new person gets: what the bot does, how to report, and what to do first. */
const welcome: NotificationRenderer = {
  kind: WELCOME_KIND,
  render(t, _locale, data): ChatMessage {
    const d = welcomePayload.parse(data);
    const title = t("welcome.title", { name: d.name });
    const blocks: Block[] = [{ type: "header", text: title }, { type: "text", text: t("welcome.intro", { network: d.networkName }) }];
    if (d.reportingContact && d.employerName) {
      blocks.push({ type: "text", text: t("welcome.report", { employer: d.employerName }) });
      blocks.push({ type: "actions", buttons: [{ action: "report.open", label: t("reporting.button.report"), value: "" }] });
    } else {
      blocks.push({ type: "text", text: d.employerName ? t("welcome.reportOther", { employer: d.employerName }) : t("welcome.reportCoordinator") });
    }
    if (d.profileForm && d.employerId && d.employerName) {
      blocks.push({ type: "divider" }, { type: "text", text: t("welcome.profile", { employer: d.employerName }) });
      blocks.push({ type: "actions", buttons: [{ action: "members.profile.edit", label: t("welcome.button.profile"), value: d.employerId, style: "primary" }] });
    }
    blocks.push({ type: "divider" }, { type: "text", text: t("welcome.listing", { listing: listingLabel(t, d.listing) }) }, listingButtons(t, d.listing));
    if (d.confirm && d.employerName) {
      const condition = conditionName(t, d.confirm.condition);
      blocks.push({ type: "divider" }, { type: "text", text: t("conditions.ask.welcome", { network: d.networkName, condition, employer: d.employerName }) });
      blocks.push(...confirmationBlocks(t, { textId: d.confirm.textId, text: d.confirm.text, employerName: d.employerName }));
    }
    return { summary: title, blocks };
  },
};

/** A coordinator set a (new) text: each employer is asked to confirm it. */
const ask: NotificationRenderer = {
  kind: "conditions.ask",
  render(t, _locale, data): ChatMessage {
    const d = askPayload.parse(data);
    const condition = conditionName(t, d.condition);
    const title = t("conditions.ask.title", { condition });
    return {
      summary: title,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: t("conditions.ask.newVersion", { network: d.networkName, condition, version: d.version, employer: d.employerName }) },
        ...confirmationBlocks(t, d),
      ],
    };
  },
};

export const welcomeRenderers: NotificationRenderer[] = [welcome, ask];
