import type { Locale } from "../i18n/index.js";

/** Who is asking: resolved from a Slack, Teams or web identity before any use case runs. */
export interface Actor {
  personId: string;
  networkId: string;
  employerId: string | null;
  role: "MEMBER" | "COORDINATOR";
  locale: Locale;
  name: string;
}

export const isCoordinator = (actor: Actor) => actor.role === "COORDINATOR";
