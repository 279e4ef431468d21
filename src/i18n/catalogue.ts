import { campaigns } from "./messages/campaigns.js";
import { chat } from "./messages/chat.js";
import { common } from "./messages/common.js";
import { dashboard } from "./messages/dashboard.js";
import { playground } from "./messages/playground.js";
import { reporting } from "./messages/reporting.js";
import { events } from "./messages/events.js";
import { slack } from "./messages/slack.js";
import { home } from "./messages/home.js";
import { teams } from "./messages/teams.js";
import { subgroups } from "./messages/subgroups.js";
import { directory } from "./messages/directory.js";
import { members } from "./messages/members.js";
import { importMessages } from "./messages/import.js";
import { memberAdmin } from "./messages/member-admin.js";
import { dashboardManage } from "./messages/dashboard-manage.js";
import { networks } from "./messages/networks.js";
import { conditions } from "./messages/conditions.js";
import { downloads } from "./messages/downloads.js";
import { joining } from "./messages/joining.js";
import { figures } from "./messages/figures.js";
import { links } from "./messages/links.js";
import { channels } from "./messages/channels.js";
import { reportDetail } from "./messages/report-detail.js";
import { campaignSettings } from "./messages/campaign-settings.js";
import { eventSafety } from "./messages/event-safety.js";
import { campaignState } from "./messages/campaign-state.js";
import { eventLists } from "./messages/event-lists.js";
import { dashboardActions } from "./messages/dashboard-actions.js";
import { exportMessages } from "./messages/exports.js";

// Each domain keeps its messages in its own file under ./messages; add it here.
const domains = [common, chat, reporting, campaigns, dashboard, playground, events, slack, home, teams, subgroups, directory, members, importMessages, memberAdmin, dashboardManage, networks, conditions, downloads, joining, links, channels, figures, reportDetail, campaignSettings, eventSafety, campaignState, eventLists, dashboardActions, exportMessages] as const;

type Domain = (typeof domains)[number];
type KeysOf<D> = D extends { nl: infer T } ? keyof T : never;
export type MessageKey = Extract<KeysOf<Domain>, string>;
export type Locale = "nl" | "en";
export const locales: readonly Locale[] = ["nl", "en"];

export const catalogue: Record<Locale, Record<MessageKey, string>> = {
  nl: Object.assign({}, ...domains.map((d) => d.nl)),
  en: Object.assign({}, ...domains.map((d) => d.en)),
};
