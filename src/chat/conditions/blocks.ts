import type { MessageKey, Translate } from "../../i18n/index.js";
import type { Block } from "../message.js";

export const CONFIRM_ACTION = "conditions.confirm";

/** The condition text as written, and the button that confirms exactly this version. */
export function confirmationBlocks(t: Translate, c: { textId: string; text: string; employerName: string }): Block[] {
  return [
    { type: "text", text: c.text },
    {
      type: "actions",
      buttons: [{ action: CONFIRM_ACTION, label: t("conditions.button.confirm", { employer: c.employerName }), value: JSON.stringify({ textId: c.textId }), style: "primary" }],
    },
  ];
}

export const conditionName = (t: Translate, condition: string) => t(`networks.condition.${condition}` as MessageKey);
