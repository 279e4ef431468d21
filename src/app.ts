import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError, startProblems, type Config } from "./config.js";
import { systemClock, type CoreDeps } from "./core/deps.js";
import { useCases } from "./core/use-cases.js";
import { openDatabase, type Database } from "./db/database.js";
import { seedDemoData } from "./demo/demo-data.js";
import { assertDemoDatabase } from "./demo/demo-mode.js";
import { createHttpApp } from "./http/server.js";
import { DEFAULT_HTTP_LIMITS, listen, type HttpServerLimits } from "./http/listen.js";
import type { ChannelPorts } from "./chat/adapter.js";
import { chatServices, type ChatServices } from "./chat/context.js";
import type { Conversation } from "./chat/turn.js";
import type { Logger } from "./logger.js";
import { startBackgroundWork } from "./scheduler/background.js";
import { createWebLinks } from "./shared/web-links.js";
import { channelErasureHooks } from "./platforms/erasure.js";
import { mountEmail, type MountedEmail } from "./platforms/email/mount.js";
import { personalLinkExtras } from "./platforms/email/personal-links.js";
import { mountSlack, type MountedSlack } from "./platforms/slack/mount.js";
import type { MountedTeams } from "./platforms/teams/mount.js";
import { announceWebSurfaces, mountWebSurfaces } from "./platforms/web/mount.js";
import { WorkInFlight } from "./platforms/work-in-flight.js";

export interface RunningApp {
  url: string;
  db: Database;
  deps: CoreDeps;
  /** What every channel's turns are given: core's use cases and the web links. */
  chat: ChatServices;
  /** Present when Slack is configured; its `sender` is the outbox's Slack port. */
  slack?: MountedSlack;
  /** Present when Teams (or the demo's Emulator endpoint) is mounted; its `sender` is the outbox's Teams port. */
  teams?: MountedTeams;
  /** Present when SMTP_URL and MAIL_FROM are set: the outbox's e-mail port. */
  email?: MountedEmail;
  /** The listening HTTP server (its limits, its connections). */
  server: Server;
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  now?: () => Date;
  /** Tests pass an already opened database. */
  database?: Database;
  /** Tests shorten the HTTP server's timeouts; default DEFAULT_HTTP_LIMITS. */
  http?: Partial<HttpServerLimits>;
  /** The conversation every turn runs (default: the chat layer); the contract test passes fixed replies. */
  conversation?: Conversation;
}

/** Composition root: database → core → platforms → HTTP. */
export async function startApp(config: Config, options: StartOptions): Promise<RunningApp> {
  const { logger } = options;
  const refusals = startProblems(config);
  if (refusals.length > 0) throw new ConfigError(refusals);
  const db =
    options.database ??
    (await openDatabase(config.database, {
      onConnectionError: (error) => logger.warn({ err: error }, "PostgreSQL-verbinding verbroken; de pool maakt een nieuwe"),
    }));
  const deps: CoreDeps = { db: db.prisma, cache: db.cache, now: options.now ?? systemClock, erasure: channelErasureHooks() };
  if (config.demoAutomatic) {
    try {
      await assertDemoDatabase(db);
    } catch (error) {
      if (!options.database) await db.close();
      throw error;
    }
  }

  const seedDemo = config.env.DEMO_DATA === "on" || (config.env.DEMO_DATA === "auto" && config.demoMode);
  if (seedDemo) {
    const { created } = await seedDemoData(db.prisma, deps.now());
    if (created) logger.info("Demodata aangemaakt (fictief netwerk 99vanDemo)");
  }

  // Chat clients cannot reach localhost, so outside demo mode links need PUBLIC_URL; in demo mode
  // the address is the server's, known once it listens.
  let listening: string | undefined;
  const links = createWebLinks(() => config.env.PUBLIC_URL ?? (config.demoMode ? listening : undefined), config.env.ADMIN_TOKEN);
  const chat = chatServices(useCases(deps), links);
  // One bound for all chat platforms: they share the event loop and the database.
  const requests = new WorkInFlight(config.env.MAX_REQUESTS_IN_FLIGHT);
  const http = createHttpApp(db, { publicUrl: config.env.PUBLIC_URL, trustProxy: config.env.TRUST_PROXY, metricsToken: config.env.METRICS_TOKEN });
  // Mounted first: Bolt verifies signatures over the raw body, before any JSON parser sees it.
  const slack = config.slackEnabled ? await mountSlack({ config, http, deps, chat, logger, requests, receipts: db.receipts, conversation: options.conversation }) : undefined;
  // Demo mode: anonymous endpoint for the Bot Framework Emulator, talking to loopback only.
  // Loaded only when mounted: botbuilder and teams-ai cost start-up time and memory a Slack-only deployment never uses.
  const teams = config.teamsEnabled || config.demoMode ? (await import("./platforms/teams/mount.js")).mountTeams(http, { env: config.env, demoMode: config.demoMode, deps, chat, logger, requests, conversation: options.conversation, baseUrl: () => config.env.PUBLIC_URL ?? `http://localhost:${config.env.PORT}` }) : undefined;
  mountWebSurfaces(http, { config, deps, chat, logger, requests, conversation: options.conversation });
  const server = await listen(http, config.env.PORT, config.host, { ...DEFAULT_HTTP_LIMITS, maxConnections: config.env.HTTP_MAX_CONNECTIONS, ...options.http });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  listening = url;
  announceWebSurfaces(config, logger, url);
  // Personal links need an address people can open: PUBLIC_URL, or this server in demo mode.
  const email = mountEmail(config.env, deps, { extras: personalLinkExtras(deps, config.env.PUBLIC_URL ?? (config.demoMode ? url : undefined)) });
  const background = startBackgroundWork({
    config,
    db: db.prisma,
    now: deps.now,
    logger,
    ...outboxSenders([slack?.ports, teams?.ports, email?.ports]),
  });

  return {
    url,
    db,
    deps,
    chat,
    slack,
    teams,
    email,
    server,
    async close() {
      await background.stop();
      await slack?.stop();
      await teams?.stop();
      await email?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.database) await db.close();
    },
  };
}

/**
 * The outbox worker's senders, from what each mounted channel offers (ChannelPorts). Someone
 * with no chat link is reached by e-mail when it is set up, else by Slack's look-up by address
 * (startBackgroundWork decides between them; the web inbox when neither).
 */
function outboxSenders(mounted: Array<ChannelPorts | undefined>) {
  const channels = mounted.filter((c): c is ChannelPorts => c !== undefined);
  return {
    senders: channels.map((c) => c.sender),
    unlinked: channels.find((c) => c.platform === "SLACK")?.unlinkedSender,
    unlinkedByEmail: channels.find((c) => c.platform === "EMAIL")?.unlinkedSender,
  };
}
