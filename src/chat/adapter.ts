import type { Actor } from "../core/actor.js";
import type { ChatActorResolution } from "../core/members/actor-lookup.js";
import type { ChatPlatform } from "../core/platforms.js";
import type { OutboxSender } from "../delivery/sender.js";
import type { Locale } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import type { ChatContext, ChatServices } from "./context.js";
import type { CopyWriter } from "./events/announcement-copies.js";
import type { ChatEffect, Form } from "./message.js";

/**
 * The one contract every channel implements (Slack, Teams, the web playground, e-mail). A
 * channel is one folder under src/platforms/ holding an object of this shape; the turn
 * pipeline (turn.ts) does the rest the same way for all of them: resolve the person, run the
 * conversation, catch the unexpected, render, count. Nothing here is a business rule: those
 * stay in core, and the replies stay in the neutral model of message.ts.
 *
 * `Surface` is what the platform gives us for one request (a Bolt payload with its client, a
 * botbuilder turn, an HTTP request); `Rendered` is what rendering hands back to the transport
 * (Teams answers an invoke with a card; Slack and the web render as a side effect or a body).
 */
export interface ChatAdapter<Surface, Rendered = void> {
  readonly platform: ChatPlatform;
  /** Core's use cases and the web links, given at start: the pipeline builds each turn's context from them. */
  readonly chat: ChatServices;
  readonly logger: Logger;
  /** Identity: who is behind this request; null when the platform says nothing we may link by. */
  identify(surface: Surface): Promise<TurnPerson>;
  /** The language to answer in before the person is known (the platform's hint, else the deployment's). */
  fallbackLocale(surface: Surface): Locale;
  /** Render effects: the answer on this platform, in order. Throws when it could not (the pipeline apologises). */
  render(surface: Surface, answer: TurnAnswer): Promise<Rendered>;
  /**
   * Open forms: a form as this platform shows one (a modal, a card, a web form, a link to one).
   * render calls it for each openForm effect; what it returns is part of the rendered answer.
   */
  openForm(surface: Surface, form: Form, locale: Locale): Promise<Rendered | void>;
  /**
   * Copy writer: how a posted announcement is rewritten in place, with this request's
   * credentials (render uses it for the refreshAnnouncements effect and after an RSVP on a copy).
   * The web playground posts no copies.
   */
  copyWriter(surface: Surface): CopyWriter | undefined;
}

/**
 * What a channel contributes outside a turn, handed to the composition root where it is mounted:
 * delivery of outbox messages. The worker's senders are built from these (app.ts). A channel's
 * copy writer needs a request's credentials, so it is on the ChatAdapter; its own rows to erase
 * are not here either: those hooks (src/platforms/erasure.ts) are registered whether or not the
 * channel is mounted.
 */
export interface ChannelPorts {
  readonly platform: ChatPlatform;
  /** Outbox sender: how a queued notification reaches someone on this channel. */
  readonly sender?: OutboxSender;
  /** For people with no chat link whose address the channel can find (e-mail on file; Slack's users.lookupByEmail). */
  readonly unlinkedSender?: OutboxSender;
}

/** Who is writing: a member, someone this workspace could let join or must turn away, or nobody we can name. */
export type TurnPerson = ChatActorResolution | null;

/** What the person did: typed a command, pressed a button, sent a form, opened the home surface. */
export type TurnInput =
  | { kind: "text"; text: string }
  | { kind: "action"; action: string; value: string }
  | { kind: "form"; formId: string; values: Record<string, unknown>; context?: string }
  | { kind: "home" };

/** The turn's answer, ready to render. */
export interface TurnAnswer {
  effects: ChatEffect[];
  locale: Locale;
  /** Present when a member was answered: what rendering may need to follow up (refresh announcements). */
  ctx?: ChatContext;
  actor?: Actor;
  /** Without ctx (a stranger): whether the effects answer the form, or explain why it cannot be. */
  answersForm?: boolean;
  /**
   * Not an answer to what was asked: the person is unknown, or something failed on our side.
   * Rendered as a plain private reply, never in place of a form or a pressed card.
   */
  standalone?: boolean;
}
