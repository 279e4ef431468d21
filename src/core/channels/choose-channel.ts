import type { Channel } from "../../generated/prisma/enums.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { channelInput } from "./schema.js";

export interface ChannelChoice {
  /** null: automatic. */
  channel: Channel | null;
}

/**
 * The channel the bot's own messages (prompts, reminders, notices) reach the actor on, from the
 * next message on. Refused when that channel cannot reach them: e-mail needs an address on file,
 * Slack or Teams a linked account there, or the messages would have nowhere to go.
 */
export async function chooseChannel(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<ChannelChoice>> {
  const parsed = channelInput.safeParse(raw);
  if (!parsed.success) return fail("invalid", "channels.invalid");
  const channel = parsed.data.channel;
  const person = await deps.db.person.findUniqueOrThrow({
    where: { id: actor.personId },
    select: { email: true, identities: { select: { platform: true } } },
  });
  if (channel === "EMAIL" && !person.email) return fail("conflict", "channels.noEmail");
  if ((channel === "SLACK" || channel === "TEAMS") && !person.identities.some((i) => i.platform === channel)) {
    return fail("conflict", "channels.notLinked", { channel: channel === "SLACK" ? "Slack" : "Teams" });
  }
  // Choosing e-mail again turns campaign mail back on after a one-click unsubscribe.
  await deps.db.person.update({ where: { id: actor.personId }, data: { channel, ...(channel === "EMAIL" ? { campaignMailOffAt: null } : {}) } });
  return ok({ channel });
}

/** The actor's current choice and the channel their messages go to now (for `kanaal` alone). */
export async function currentChannel(deps: CoreDeps, actor: Actor): Promise<ChannelChoice & { email: boolean; emailFailing: boolean }> {
  const person = await deps.db.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { channel: true, email: true, emailFailingSince: true } });
  return { channel: person.channel, email: person.email !== null, emailFailing: person.emailFailingSince !== null };
}
