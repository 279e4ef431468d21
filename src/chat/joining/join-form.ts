import type { Guest } from "../../core/joining/request-join.js";
import { FUNCTIONS, MAX_EMPLOYER_NAME, SIZE_BANDS } from "../../core/members/schema.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import type { Form, FormField } from "../message.js";

export const JOIN_FORM_ID = "joining.join";
export const JOIN_ACTION = "joining.start";
export const JOIN_FIELDS = ["network", "name", "employer", "function", "jobTitle", "branche", "sizeBand", "location", "region"];

/**
 * The applicant's form ("aanmelden"): name, employer, function; and, for an employer that is
 * new to the network, the profile fields the directory and the figures need. An employer is
 * typed, not picked: a network has hundreds, more than a Slack or Teams list shows.
 */
export function joinForm(t: Translate, guest: Guest): Form {
  const label = (key: string) => t(key as MessageKey);
  const network: FormField[] =
    guest.networks.length > 1
      ? [{ id: "network", kind: "select", label: t("joining.form.network"), required: true, options: guest.networks.map((n) => ({ value: n.id, label: n.name })) }]
      : [];
  return {
    id: JOIN_FORM_ID,
    title: t("joining.form.title"),
    submitLabel: t("joining.form.submit"),
    fields: [
      ...network,
      { id: "name", kind: "text", label: t("joining.form.name"), required: true, maxLength: 120 },
      { id: "employer", kind: "text", label: t("joining.form.employer"), required: true, maxLength: MAX_EMPLOYER_NAME, hint: t("joining.form.employerHint") },
      { id: "function", kind: "select", label: t("joining.form.function"), required: true, initial: "OVERIG", options: FUNCTIONS.map((value) => ({ value, label: label(`directory.function.${value}`) })) },
      { id: "jobTitle", kind: "text", label: t("joining.form.jobTitle"), required: false, maxLength: 100 },
      { id: "branche", kind: "text", label: t("joining.form.branche"), required: false, maxLength: 100 },
      { id: "sizeBand", kind: "select", label: t("joining.form.size"), required: false, options: SIZE_BANDS.map((value) => ({ value, label: label(`directory.size.${value}`) })) },
      { id: "location", kind: "text", label: t("joining.form.location"), required: false, maxLength: 100 },
      { id: "region", kind: "text", label: t("joining.form.region"), required: false, maxLength: 100 },
    ],
  };
}
