import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";

export const LISTINGS = ["NAME_FUNCTION_EMAIL", "NAME_FUNCTION", "HIDDEN"] as const;
export type Listing = (typeof LISTINGS)[number];

const listingWords: Record<string, Listing> = {
  "naam-functie-email": "NAME_FUNCTION_EMAIL", "naam-functie-e-mail": "NAME_FUNCTION_EMAIL", volledig: "NAME_FUNCTION_EMAIL", alles: "NAME_FUNCTION_EMAIL", "met-email": "NAME_FUNCTION_EMAIL",
  full: "NAME_FUNCTION_EMAIL", "name-function-email": "NAME_FUNCTION_EMAIL", "with-email": "NAME_FUNCTION_EMAIL",
  "naam-functie": "NAME_FUNCTION", "zonder-email": "NAME_FUNCTION", "geen-email": "NAME_FUNCTION", "name-function": "NAME_FUNCTION", "no-email": "NAME_FUNCTION", "without-email": "NAME_FUNCTION",
  verborgen: "HIDDEN", niet: "HIDDEN", geen: "HIDDEN", uit: "HIDDEN", hidden: "HIDDEN", none: "HIDDEN", off: "HIDDEN",
};

/** "naam functie", "Naam, functie" and "NAME_FUNCTION" all name the same choice. */
const listingWord = (value: string) => {
  const word = value.trim().toLowerCase().replace(/[\s,+_/]+/g, "-");
  return listingWords[word] ?? (LISTINGS as readonly string[]).find((l) => l.toLowerCase().replace(/_/g, "-") === word) ?? value;
};

export const listingInput = z.object({
  listing: z.preprocess((value) => (typeof value === "string" ? listingWord(value) : value), z.enum(LISTINGS, { errorMap: () => ({ message: "field.invalidListing" }) })),
});

/**
 * The one rule for showing a person to other members (directory, subgroup contacts, the home
 * tab): hidden people are left out of the query, and the address only of those who chose it.
 */
export const listedPerson: Prisma.PersonWhereInput = { directoryListing: { not: "HIDDEN" } };

export const shownEmail = (person: { directoryListing: Listing; email: string | null }) => (person.directoryListing === "NAME_FUNCTION_EMAIL" ? person.email : null);

export async function currentListing(deps: CoreDeps, actor: Actor): Promise<{ listing: Listing; chosenAt: Date | null }> {
  const person = await deps.db.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { directoryListing: true, directoryListingChosenAt: true } });
  return { listing: person.directoryListing, chosenAt: person.directoryListingChosenAt };
}

/** The person's own choice of how others see them; only they make it. */
export async function setDirectoryListing(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ listing: Listing }>> {
  const parsed = listingInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { listing } = parsed.data;
  await deps.db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: actor.personId }, data: { directoryListing: listing, directoryListingChosenAt: deps.now() } });
    await audit(tx, actor, "person.listing", { type: "Person", id: actor.personId }, { listing }, deps.now());
  });
  return ok({ listing });
}
