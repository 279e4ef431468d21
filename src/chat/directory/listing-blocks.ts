import { LISTINGS, type Listing } from "../../core/directory/listing.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import type { Block } from "../message.js";

export const LISTING_ACTION = "directory.listing.set";

export const listingLabel = (t: Translate, listing: string) => t(`directory.listing.${listing}` as MessageKey);

/** One button per choice; the current one stands out. */
export function listingButtons(t: Translate, current: string): Block {
  return {
    type: "actions",
    buttons: LISTINGS.map((listing: Listing) => ({
      action: LISTING_ACTION,
      label: t(`directory.listing.button.${listing}` as MessageKey),
      value: listing,
      ...(listing === current ? { style: "primary" as const } : {}),
    })),
  };
}
