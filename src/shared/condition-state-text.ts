import type { ConditionState } from "../core/conditions/condition-state.js";
import { formatDate } from "../i18n/format.js";
import type { Locale, Translate } from "../i18n/index.js";

/** "voldaan sinds 1 december 2026" / "open sinds …", for coordinators' lists. */
export function conditionStateText(t: Translate, locale: Locale, state: ConditionState): string {
  return t(state.status === "met" ? "conditions.state.met" : "conditions.state.open", { date: formatDate(locale, state.since) });
}
