import { Application, type TeamsAdapter } from "@microsoft/teams-ai";
import { ActivityTypes, TurnContext } from "botbuilder";
import type { Config } from "../../config.js";
import type { Conversation } from "../../chat/turn.js";
import type { CoreDeps } from "../../core/deps.js";
import type { Logger } from "../../logger.js";
import { translator } from "../../i18n/index.js";
import { createTeamsAdapter } from "./adapter.js";
import { turnActivity, type TurnActivity } from "./activity.js";
import { handleCardAction, handleInstall, handleMessage, handleUninstall, removesBot } from "./handlers.js";
import { createFileStore, type FileStore } from "./files.js";
import { rememberConversation } from "./remember.js";
import type { TeamsTurn } from "./effects.js";
import { WorkInFlight } from "../work-in-flight.js";

export interface TeamsBotOptions {
  env: Config["env"];
  /** No platform configured: anonymous endpoint, and the Emulator may act as a demo person. */
  demoMode: boolean;
  deps: CoreDeps;
  logger: Logger;
  /** Where the bot is reachable, for download links (PUBLIC_URL, else the local address). */
  baseUrl: () => string;
  /** The instance's chat requests in flight, shared with the other platforms; beyond its limit Teams is told "busy". */
  requests?: WorkInFlight;
  /** The conversation every turn runs (default: the chat layer); the contract test passes fixed replies. */
  conversation?: Conversation;
}

export interface TeamsBot {
  adapter: TeamsAdapter;
  application: Application;
  files: FileStore;
  botAppId: string;
  /** What turns left running after answering; shutdown waits for it. */
  afterwards: WorkInFlight;
}

/**
 * teams-ai 1.7.4 starts its typing timer on every message whatever `startTypingTimer` says
 * (Application.run calls it unconditionally), and keeps one timer per application, not per turn.
 * A turn slower than a second then sends a stray "typing" activity beside its answer.
 */
class ApplicationWithoutTypingTimer extends Application {
  override startTypingTimer(): void {}
}

/**
 * The teams-ai Application: routes only. Messages (typed commands and the Action.Submit
 * fallback of old clients), Universal Actions invokes and installs each go to one handler.
 */
export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const adapter = createTeamsAdapter(options.env);
  const botAppId = options.env.MICROSOFT_APP_ID ?? "";
  const files = createFileStore(options.deps, options.baseUrl, options.env.DEFAULT_LOCALE);
  const application = new ApplicationWithoutTypingTimer({
    adapter,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const known = new Set<string>();
  const afterwards = new WorkInFlight();

  const withTurn = (work: (turn: TeamsTurn) => Promise<void>) => async (context: TurnContext) => {
    const parsed = turnActivity.safeParse(context.activity);
    if (!parsed.success) {
      options.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, "Teams activity without the fields we need; ignored");
      return;
    }
    const turn = newTurn(context, parsed.data);
    const { type, membersRemoved } = context.activity;
    // `known` does not tell a team's channels apart: after a removal each conversation is written
    // once more, so no forgotten one is skipped when the bot comes back.
    if (removesBot(context.activity)) known.clear();
    else if (!membersRemoved?.length) {
      // An install always refreshes the stored reference (the bot may have been reinstalled).
      const installing = type === ActivityTypes.ConversationUpdate || type === ActivityTypes.InstallationUpdate;
      try {
        await rememberConversation(options.deps.db, context, parsed.data, known, installing);
      } catch (error) {
        // The person still gets an answer; the reference is not marked known, so a later turn writes it.
        options.logger.error({ err: error, conversationId: parsed.data.conversation.id, activityType: type }, "Teams: could not store the conversation reference");
      }
    }
    await work(turn);
  };
  const newTurn = (context: TurnContext, activity: TurnActivity): TeamsTurn => ({
    context,
    activity,
    db: options.deps.db,
    adapter,
    botAppId,
    files,
    t: translator("nl"),
    logger: options.logger,
    afterwards,
  });
  const env = { deps: options.deps, logger: options.logger, demoMode: options.demoMode, conversation: options.conversation };

  application.conversationUpdate("membersAdded", withTurn((turn) => handleInstall(env, turn)));
  application.conversationUpdate("membersRemoved", withTurn((turn) => handleUninstall(env, turn)));
  application.conversationUpdate("teamDeleted", withTurn((turn) => handleUninstall(env, turn)));
  application.conversationUpdate("teamHardDeleted", withTurn((turn) => handleUninstall(env, turn)));
  application.activity(ActivityTypes.InstallationUpdate, withTurn((turn) => handleUninstall(env, turn)));
  application.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === "adaptiveCard/action",
    withTurn((turn) => handleCardAction(env, turn)),
    true,
  );
  application.activity(ActivityTypes.Message, withTurn((turn) => handleMessage(env, turn)));
  application.error(async (context, error) => {
    // Reached when a handler failed outside answer() in handlers.ts, or its apology failed too
    // (connector down, a channel welcome refused, the database gone during an uninstall). Only
    // logged: the person gets no reply, and an invoke would get HTTP 501, which is why
    // handleCardAction always sends its invoke response itself.
    options.logger.error({ err: error, activityType: context.activity.type }, "Teams turn failed");
  });

  return { adapter, application, files, botAppId, afterwards };
}
