import type { MessageKey } from "../i18n/index.js";
import type { ChatContext } from "./context.js";
import type { ChatEffect } from "./message.js";

export interface Command {
  /** Dutch name first; aliases include the English words. */
  name: string;
  aliases: string[];
  /** Refused for members before run() is called; listed only in the coordinators' help. */
  coordinatorOnly?: boolean;
  /** Listed only in the coordinators' help, though run() lets members use one subcommand (herinner me …). */
  listedForCoordinators?: boolean;
  /** Help line, e.g. "rapporteer <aantal> ambitie <aantal> — …". */
  help: MessageKey;
  /** A second help line for what only coordinators may do with this command. */
  coordinatorHelp?: MessageKey;
  run(ctx: ChatContext, args: string): Promise<ChatEffect[]>;
}

export interface ActionHandler {
  action: string;
  run(ctx: ChatContext, value: string): Promise<ChatEffect[]>;
}

export interface FormHandler {
  id: string;
  submit(ctx: ChatContext, values: Record<string, unknown>, context: string | undefined): Promise<ChatEffect[]>;
}
