import type { ChatServices } from "../../../chat/context.js";
import type { Conversation } from "../../../chat/turn.js";
import type { CoreDeps } from "../../../core/deps.js";
import type { Locale } from "../../../i18n/index.js";
import type { Logger } from "../../../logger.js";
import type { AnnouncementRefresher } from "../announcements.js";
import type { ActorResolver } from "../identity.js";

/** What every Slack listener needs, built once in mount.ts. */
export interface SlackListenerDeps {
  deps: CoreDeps;
  chat: ChatServices;
  logger: Logger;
  announcements: AnnouncementRefresher;
  resolveActor: ActorResolver;
  defaultLocale: Locale;
  timeZone: string;
  /** How long a slash command may take to answer inside its ack (below Slack's 3 s). */
  ackBudgetMs: number;
  /** The conversation every turn runs (default: the chat layer); the contract test passes fixed replies. */
  conversation?: Conversation;
}
