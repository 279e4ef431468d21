import { z } from "zod";
import { idField, requiredText } from "../shared/fields.js";

/** The conditions an employer meets by confirming the network's text; the others need nothing new. */
export const CONFIRMED_CONDITIONS = ["INTENTIEVERKLARING", "CONVENANT"] as const;
export type ConfirmedCondition = (typeof CONFIRMED_CONDITIONS)[number];

export const needsConfirmation = (condition: string): condition is ConfirmedCondition => (CONFIRMED_CONDITIONS as readonly string[]).includes(condition);

// The text is shown whole in one chat block: a Slack section holds 3,000 characters and a
// declaration of intent of a page or so fits well within this.
export const MAX_CONDITION_TEXT = 2_500;

export const conditionTextInput = z.object({ text: requiredText(MAX_CONDITION_TEXT) });
export type ConditionTextInput = z.input<typeof conditionTextInput>;

/** Which text the confirming person saw: a newer version asks them to read that one first. */
export const confirmInput = z.object({ textId: idField });
export type ConfirmInput = z.input<typeof confirmInput>;
