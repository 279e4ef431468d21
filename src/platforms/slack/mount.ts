import { App, ExpressReceiver, HTTPModuleFunctions, SocketModeReceiver, type Receiver } from "@slack/bolt";
import type { Express } from "express";
import { ConfigError, type Config } from "../../config.js";
import type { ChannelPorts } from "../../chat/adapter.js";
import { chatServices, type ChatServices } from "../../chat/context.js";
import type { CoreDeps } from "../../core/deps.js";
import { useCases } from "../../core/use-cases.js";
import type { OutboxSender } from "../../delivery/sender.js";
import type { Logger } from "../../logger.js";
import { createAnnouncementRefresher } from "./announcements.js";
import { boltLogger } from "./bolt-logger.js";
import { slackClientOptions } from "./client-options.js";
import { isFirstDelivery } from "./event-receipts.js";
import { refuseFutureTimestamps, signedRequestProperties, signedRequestReceipts } from "./request-receipts.js";
import { botTokenForTeam, prismaInstallationStore } from "./installation-store.js";
import { registerActions } from "./listeners/actions.js";
import { ACK_BUDGET_MS, registerCommand } from "./listeners/command.js";
import { registerHome } from "./listeners/home.js";
import { registerLifecycle } from "./listeners/lifecycle.js";
import type { SlackListenerDeps } from "./listeners/shared.js";
import type { Conversation } from "../../chat/turn.js";
import { registerViews } from "./listeners/views.js";
import { createActorResolver } from "./identity.js";
import { eventEnvelope, isMalformedInteraction } from "./payloads.js";
import { createSlackSenders } from "./sender.js";
import { slackErrorCode } from "./errors.js";
import { linkFoundIdentity, slackLookupTarget } from "../../core/members/platform-lookup.js";
import { BOT_SCOPES, SLACK_PATHS } from "./scopes.js";
import { translator } from "../../i18n/index.js";
import { WorkInFlight } from "../work-in-flight.js";
import { boundNetworks } from "../../core/networks/workspace-networks.js";
import { busyResponder } from "./busy.js";
import { BODY_LIMITS } from "../../http/body-limits.js";
import { prismaReceipts, type RequestReceipts } from "../../db/request-receipts.js";

export interface SlackMountOptions {
  config: Config;
  http: Express;
  deps: CoreDeps;
  logger: Logger;
  /** The chat layer's services (core's use cases, the web links), created at start; default: no web links. */
  chat?: ChatServices;
  /** Tests shorten it to exercise the deferred answer; default ACK_BUDGET_MS. */
  ackBudgetMs?: number;
  /** The conversation every turn runs (default: the chat layer); the contract test passes fixed replies. */
  conversation?: Conversation;
  /** The instance's chat requests in flight, shared with the other platforms; beyond its limit Slack is told "busy". */
  requests?: WorkInFlight;
  /** Where signed requests already taken are kept (the database's own store; default: its table through Prisma). */
  receipts?: RequestReceipts;
}

export interface MountedSlack {
  app: App;
  /** What the composition root builds the outbox worker from. */
  ports: ChannelPorts;
  /** For the outbox worker: DMs through this deployment's token(s). */
  sender: OutboxSender;
  /** For the outbox worker outside demo mode: people without a chat identity, found by their address (sender.ts). */
  unlinkedSender: OutboxSender;
  stop(): Promise<void>;
}

/** Builds the Bolt app on the shared express app (HTTP mode) or over Socket Mode. */
export async function mountSlack(options: SlackMountOptions): Promise<MountedSlack> {
  const { config, deps, logger } = options;
  const env = config.env;
  const log = logger.child({ platform: "slack" });
  const clientOptions = slackClientOptions({ apiUrl: env.SLACK_API_URL });
  const oauth = Boolean(env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET);
  if (!oauth && !env.SLACK_BOT_TOKEN) throw new Error("Slack: zet SLACK_BOT_TOKEN, of SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_STATE_SECRET voor installaties per werkspace");
  const isBound = async (slackId: string) => (await boundNetworks(deps, "SLACK", slackId)).length > 0;
  const installationStore = prismaInstallationStore(deps.db, isBound, env.SLACK_ALLOWED_TEAMS);
  const socket = env.SLACK_MODE === "socket";

  let receiver: Receiver;
  if (socket) {
    // Socket Mode is for a deployment without a public URL, hence without OAuth install pages:
    // it serves the one workspace of SLACK_BOT_TOKEN.
    if (!env.SLACK_APP_TOKEN) throw new Error("Slack: SLACK_APP_TOKEN (xapp-…) is nodig in socket-modus");
    if (!env.SLACK_BOT_TOKEN) throw new Error("Slack: socket-modus werkt met één werkruimte; zet SLACK_BOT_TOKEN");
    receiver = new SocketModeReceiver({ appToken: env.SLACK_APP_TOKEN, logger: boltLogger(log), installerOptions: { clientOptions } });
  } else {
    if (!env.SLACK_SIGNING_SECRET) throw new Error("Slack: SLACK_SIGNING_SECRET is nodig in HTTP-modus");
    // Registered before the receiver's router, so it runs before a body is read.
    options.http.post(SLACK_PATHS.events, refuseFutureTimestamps(log));
    receiver = new ExpressReceiver({
      signingSecret: env.SLACK_SIGNING_SECRET,
      app: options.http,
      endpoints: SLACK_PATHS.events,
      bodyLimit: BODY_LIMITS.slack,
      // Runs after the signature check: only a verified request's signature becomes a receipt.
      customPropertiesExtractor: signedRequestProperties,
      processEventErrorHandler: async (args) => {
        // ExpressReceiver has put the parsed body on the request.
        const body = (args.request as { body?: unknown }).body;
        if (!args.response.headersSent && isMalformedInteraction(body)) {
          log.warn({ type: (body as { type?: unknown }).type }, "Slack: onvolledig verzoek geweigerd (400)");
          args.response.writeHead(400);
          args.response.end();
          return true;
        }
        return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      },
      logger: boltLogger(log),
      ...(oauth ? oauthOptions(env, installationStore, clientOptions) : {}),
    });
  }

  const useOauth = oauth && !socket;
  const app = new App({
    receiver,
    ...(useOauth ? {} : { token: env.SLACK_BOT_TOKEN }),
    clientOptions,
    logger: boltLogger(log),
    // Bolt's conversation store (context.conversation) is unused: our state lives in the database.
    convoStore: false,
    // Otherwise Bolt's auth.test of SLACK_BOT_TOKEN runs unawaited in the constructor, and a wrong
    // token or an unreachable Slack ends the process with a stack trace.
    deferInitialization: true,
  });
  await initialise(app, env.SLACK_API_URL);

  const listenerDeps: SlackListenerDeps = {
    deps,
    chat: options.chat ?? chatServices(useCases(deps)),
    logger: log,
    resolveActor: createActorResolver(deps, log),
    announcements: createAnnouncementRefresher(deps.db, log),
    defaultLocale: env.DEFAULT_LOCALE,
    timeZone: env.DEFAULT_TIME_ZONE,
    ackBudgetMs: options.ackBudgetMs ?? ACK_BUDGET_MS,
    conversation: options.conversation,
  };
  // Work continues after the ack; shutdown waits for it so no answer is cut off half-way.
  const inFlight = options.requests ?? new WorkInFlight();
  const refuseBusy = busyResponder(env.DEFAULT_LOCALE, log, inFlight.limit);
  const isFirstSignedRequest = signedRequestReceipts(options.receipts ?? prismaReceipts(deps.db));
  app.use(async (args) => {
    const { body, next, context } = args;
    const isEvent = (body as { type?: unknown }).type === "event_callback";
    const work = async () => {
      // A replay of a request already taken (same signature and timestamp) is acked and dropped;
      // Socket Mode has no signature (its connection is authenticated instead).
      const { slackSignature, slackTimestamp } = context as { slackSignature?: string; slackTimestamp?: number };
      if (slackSignature && slackTimestamp !== undefined && !(await isFirstSignedRequest(slackSignature, slackTimestamp, Date.now()))) {
        log.warn({ timestamp: slackTimestamp }, "Slack: herhaald ondertekend verzoek genegeerd");
        if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
        return;
      }
      // Only Events API deliveries are retried by Slack; commands and actions skip the check.
      const envelope = isEvent ? eventEnvelope.safeParse(body) : undefined;
      if (envelope?.success && !(await isFirstDelivery(deps.db, envelope.data.event_id, deps.now()))) {
        log.info({ eventId: envelope.data.event_id }, "Slack: herhaalde event-levering genegeerd");
        return;
      }
      await next();
    };
    // Bolt acks an event before this runs, so Slack would not send it again: events (few, and an
    // uninstall must not be lost) are always handled; the rest waits its turn or hears "busy".
    const admitted = isEvent ? inFlight.track(work()) : inFlight.tryTrack(work);
    await (admitted ?? refuseBusy(args));
  });
  registerCommand(app, listenerDeps);
  registerActions(app, listenerDeps);
  registerViews(app, listenerDeps);
  registerHome(app, listenerDeps);
  registerLifecycle(app, deps.db, log);
  app.error(async (error) => {
    log.error({ err: error }, "Slack: onafgehandelde fout in Bolt");
  });

  if (socket) await app.start();
  const singleToken = env.SLACK_BOT_TOKEN;
  const senders = createSenders(deps, env.SLACK_API_URL, async (teamId) => (useOauth ? botTokenForTeam(deps.db, teamId) : singleToken));
  return {
    app,
    ports: { platform: "SLACK", sender: senders.sender, unlinkedSender: senders.unlinkedSender },
    ...senders,
    stop: async () => {
      if (socket) await app.stop();
      await inFlight.settled();
    },
  };
}

function createSenders(deps: CoreDeps, apiUrl: string | undefined, tokenForTeam: (teamId: string) => Promise<string | undefined>) {
  const { linked, unlinked } = createSlackSenders(
    { apiUrl, tokenForTeam },
    {
      target: (personId) => slackLookupTarget(deps.db, personId),
      link: (personId, teamId, userId, email) => linkFoundIdentity(deps.db, personId, { platform: "SLACK", tenantId: teamId, externalUserId: userId }, email),
    },
  );
  return { sender: linked, unlinkedSender: unlinked };
}

/** Bolt's start-up check of the bot token, refused with what to fix instead of a crash. */
async function initialise(app: App, apiUrl: string | undefined): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const code = slackErrorCode(error);
    throw new ConfigError([
      code
        ? `SLACK_BOT_TOKEN: Slack weigert het token (${code}). Neem het Bot User OAuth Token (xoxb-…) over van OAuth & Permissions van je Slack-app.`
        : `SLACK_BOT_TOKEN: Slack is niet bereikbaar om het token te controleren (${error instanceof Error ? error.message : String(error)}); controleer de verbinding${apiUrl ? " en SLACK_API_URL" : ""}.`,
    ]);
  }
}

function oauthOptions(env: Config["env"], installationStore: ReturnType<typeof prismaInstallationStore>, clientOptions: ReturnType<typeof slackClientOptions>) {
  const t = translator(env.DEFAULT_LOCALE);
  return {
    clientId: env.SLACK_CLIENT_ID,
    clientSecret: env.SLACK_CLIENT_SECRET,
    stateSecret: env.SLACK_STATE_SECRET,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      installPath: SLACK_PATHS.install,
      redirectUriPath: SLACK_PATHS.oauthRedirect,
      directInstall: true,
      clientOptions,
      callbackOptions: {
        success: (_installation: unknown, _options: unknown, _req: unknown, res: { writeHead(s: number, h: Record<string, string>): void; end(b: string): void }) => {
          res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
          res.end(t("slack.install.success"));
        },
        failure: (_error: unknown, _options: unknown, _req: unknown, res: { writeHead(s: number, h: Record<string, string>): void; end(b: string): void }) => {
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
          res.end(t("slack.install.failure"));
        },
      },
    },
  };
}
