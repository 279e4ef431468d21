import { currentListing, setDirectoryListing } from "../../core/directory/listing.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, type ChatEffect } from "../message.js";
import type { ActionHandler, Command } from "../registry.js";
import { LISTING_ACTION, listingButtons, listingLabel } from "./listing-blocks.js";

async function choose(ctx: ChatContext, listing: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(setDirectoryListing, ctx.actor, { listing });
  if (!result.ok) return failureReply(ctx, result.error);
  const text = ctx.t("directory.listing.set", { listing: listingLabel(ctx.t, result.value.listing) });
  return [reply({ summary: text, blocks: [{ type: "text", text }] })];
}

/** "vermelding" shows the choice with buttons; "vermelding naam-functie" makes it. */
const listing: Command = {
  name: "vermelding",
  aliases: ["listing", "zichtbaarheid", "visibility"],
  help: "directory.listing.help",
  async run(ctx, args) {
    if (args !== "") return choose(ctx, args);
    const { listing: current } = await ctx.core.run(currentListing, ctx.actor);
    const text = ctx.t("directory.listing.current", { listing: listingLabel(ctx.t, current) });
    return [reply({ summary: text, blocks: [{ type: "text", text }, listingButtons(ctx.t, current)] })];
  },
};

const chooseAction: ActionHandler = { action: LISTING_ACTION, run: choose };

export const listingCommands: Command[] = [listing];
export const listingActions: ActionHandler[] = [chooseAction];
