import { z } from "zod";
import { searchDirectory, type DirectoryEmployer, type DirectoryPage } from "../../core/directory/search-directory.js";
import type { DirectoryInput } from "../../core/directory/schema.js";
import type { MessageKey } from "../../i18n/index.js";
import { parseButtonValue } from "../button-value.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, textMessage, type Block, type Button, type ChatEffect, type ChatMessage } from "../message.js";
import type { ActionHandler, Command } from "../registry.js";

export const functionLabel = (ctx: ChatContext, fn: string) => ctx.t(`directory.function.${fn}` as MessageKey);
export const offerLabel = (ctx: ChatContext, offer: string) => ctx.t(`directory.offer.${offer}` as MessageKey);
export const sizeLabel = (ctx: ChatContext, band: string) => ctx.t(`directory.size.${band}` as MessageKey);

type FilterName = Exclude<keyof DirectoryInput, "term">;

const filterKeys: Record<string, FilterName> = {
  branche: "branche", sector: "branche",
  regio: "region", region: "region", plaats: "region", place: "region",
  biedt: "offers", offers: "offers", offer: "offers", aanbod: "offers",
  subgroep: "subgroup", subgroup: "subgroup",
  functie: "function", function: "function",
  grootte: "sizeBand", size: "sizeBand",
  pagina: "page", page: "page",
};

// key:value, key:"two words", or a plain word (part of the free-text term).
const token = /(\p{L}+):(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+)/gu;

/** "zoek bakker regio:twente biedt:werkplek" → directory input; unknown filters are reported. */
export function parseSearch(args: string): { input: DirectoryInput } | { unknownFilter: string } {
  const input: Record<string, string> = {};
  const words: string[] = [];
  for (const match of args.matchAll(token)) {
    const [, key, quoted, bare, quotedWord, word] = match;
    if (key !== undefined) {
      const name = filterKeys[key.toLowerCase()];
      if (!name) return { unknownFilter: key };
      input[name] = quoted ?? bare ?? "";
    } else {
      words.push(quotedWord ?? word ?? "");
    }
  }
  const term = words.join(" ").trim();
  return { input: { ...input, ...(term ? { term } : {}) } as DirectoryInput };
}

const search: Command = {
  name: "zoek",
  aliases: ["search", "find", "gids", "directory"],
  help: "directory.help.search",
  async run(ctx, args) {
    const parsed = parseSearch(args);
    if ("unknownFilter" in parsed) {
      return [reply(textMessage(`${ctx.t("directory.unknownFilter", { filter: parsed.unknownFilter })}\n${ctx.t("directory.usage")}`))];
    }
    return runSearch(ctx, parsed.input);
  },
};

async function runSearch(ctx: ChatContext, input: DirectoryInput): Promise<ChatEffect[]> {
  const result = await ctx.core.run(searchDirectory, ctx.actor, input);
  if (!result.ok) return failureReply(ctx, result.error);
  return [reply(directoryMessage(ctx, result.value))];
}

export function directoryMessage(ctx: ChatContext, page: DirectoryPage): ChatMessage {
  const title = ctx.t("directory.title", { total: page.total });
  const blocks: Block[] = [{ type: "header", text: title }];
  const filters = describeFilters(ctx, page);
  if (filters) blocks.push({ type: "context", text: filters });
  if (page.employers.length === 0) blocks.push({ type: "text", text: ctx.t("directory.none") });
  for (const employer of page.employers) blocks.push({ type: "text", text: employerText(ctx, employer) });
  if (page.total > 0) blocks.push({ type: "context", text: ctx.t("directory.page", { page: page.page, pages: page.pageCount }) });
  const buttons: Button[] = [];
  if (page.page > 1) buttons.push(pageButton(ctx, page, page.page - 1, "directory.button.previous"));
  if (page.page < page.pageCount) buttons.push(pageButton(ctx, page, page.page + 1, "directory.button.next"));
  if (buttons.length) blocks.push({ type: "actions", buttons });
  return { summary: title, blocks };
}

function employerText(ctx: ChatContext, e: DirectoryEmployer): string {
  const place = e.location === e.region ? e.location : `${e.location} (${e.region})`;
  const lines = [e.name, [e.branche, place, sizeLabel(ctx, e.sizeBand)].join(" · ")];
  if (e.offers.length) lines.push(ctx.t("directory.offers", { offers: e.offers.map((o) => offerLabel(ctx, o)).join(", ") }));
  for (const p of e.people) {
    const role = [functionLabel(ctx, p.function), p.jobTitle].filter(Boolean).join(", ");
    lines.push(`• ${ctx.t("directory.personLine", { name: p.name, role, email: p.email ?? "—" })}`);
  }
  return lines.join("\n");
}

function describeFilters(ctx: ChatContext, page: DirectoryPage): string {
  const q = page.query;
  const parts = [
    q.term && ctx.t("directory.filter.term", { value: q.term }),
    q.branche && ctx.t("directory.filter.branche", { value: q.branche }),
    q.region && ctx.t("directory.filter.region", { value: q.region }),
    q.offers && ctx.t("directory.filter.offers", { value: q.offers.map((o) => offerLabel(ctx, o)).join(", ") }),
    page.subgroupName && ctx.t("directory.filter.subgroup", { value: page.subgroupName }),
    q.function && ctx.t("directory.filter.function", { value: functionLabel(ctx, q.function) }),
    q.sizeBand && ctx.t("directory.filter.size", { value: sizeLabel(ctx, q.sizeBand) }),
  ].filter(Boolean);
  return parts.join(" · ");
}

/**
 * The button carries the query as parsed (cleaned, bounded, enum values), not as typed, so its
 * value stays far below Slack's 2,000-character limit whatever was typed.
 */
function pageButton(ctx: ChatContext, result: DirectoryPage, page: number, label: MessageKey): Button {
  const query = Object.fromEntries(Object.entries(result.query).filter(([, value]) => value !== undefined));
  return { action: "directory.page", label: ctx.t(label), value: JSON.stringify({ ...query, page }) };
}

// The button value comes back from the platform: only a flat object of short strings/numbers.
const pageValue = z.record(z.union([z.string().max(200), z.number(), z.array(z.string().max(40)).max(3)]));

const pageAction: ActionHandler = {
  action: "directory.page",
  async run(ctx, value) {
    const page = parseButtonValue(pageValue, value);
    if (!page) return [reply(textMessage(ctx.t("chat.unknownAction")))];
    return runSearch(ctx, page as DirectoryInput);
  },
};

export const directoryCommands: Command[] = [search];
export const directoryActions: ActionHandler[] = [pageAction];
