import { createHash, randomBytes } from "node:crypto";
import type { DbClient } from "../../db/database.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";

// A link in a chat can be forwarded or end up in a screenshot, and an export names people:
// it works for a quarter of an hour, long enough to click it, and is asked again after that.
export const DOWNLOAD_LINK_MINUTES = 15;
// Every export typed makes a link: a person keeps only the newest few, so typing it a thousand
// times leaves a handful of rows.
export const MAX_LINKS_PER_PERSON = 5;

/** A file as the chat layer hands it over (the shape of its ChatFile). */
export interface DownloadFile {
  filename: string;
  mimeType: string;
  content: string | Uint8Array;
}

/** Who asked; null for nobody known (the link is then only removed by expiry or revocation). */
export interface LinkOwner {
  personId: string;
  networkId: string;
}

const hashOf = (token: string) => createHash("sha256").update(`download:${token}`).digest("hex");

/** Stores the file behind a new unguessable token, which is returned once and kept only hashed. */
export async function createDownloadLink(deps: CoreDeps, owner: LinkOwner | null, file: DownloadFile): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + DOWNLOAD_LINK_MINUTES * 60_000);
  // A CSV's byte-order mark is kept as bytes too: PGlite's text decoding drops a leading U+FEFF.
  const { content } = file;
  const binary = typeof content !== "string" || content.startsWith("\uFEFF");
  await deps.db.downloadLink.deleteMany({ where: { expiresAt: { lte: now } } });
  await deps.db.downloadLink.create({
    data: {
      tokenHash: hashOf(token),
      personId: owner?.personId ?? null,
      networkId: owner?.networkId ?? null,
      filename: file.filename,
      mimeType: file.mimeType,
      content: typeof content === "string" && !binary ? content : Buffer.from(content).toString("base64"),
      base64: binary,
      expiresAt,
    },
  });
  if (owner) await keepNewest(deps.db, owner.personId);
  return { token, expiresAt };
}

/** The file behind a token: "downloads.notFound" for none (never made, revoked, erased), "downloads.expired" past its time. */
export async function openDownloadLink(deps: CoreDeps, token: string): Promise<Result<DownloadFile>> {
  const link = await deps.db.downloadLink.findUnique({
    where: { tokenHash: hashOf(token) },
    select: { id: true, filename: true, mimeType: true, content: true, base64: true, expiresAt: true },
  });
  if (!link) return fail("notFound", "downloads.notFound");
  if (link.expiresAt <= deps.now()) {
    await deps.db.downloadLink.deleteMany({ where: { id: link.id } });
    return fail("notFound", "downloads.expired");
  }
  return ok({ filename: link.filename, mimeType: link.mimeType, content: link.base64 ? Buffer.from(link.content, "base64") : link.content });
}

/** Revokes one link: from now on no instance serves it. */
export async function revokeDownloadLink(deps: CoreDeps, token: string): Promise<boolean> {
  const { count } = await deps.db.downloadLink.deleteMany({ where: { tokenHash: hashOf(token) } });
  return count === 1;
}

/**
 * What an erasure removes: the person's own links, and every link asked for in the networks
 * that may show them (their own and those above it), since an attendee list or member export
 * names them. Links live minutes; whoever still needs one asks again.
 */
export async function eraseDownloadLinks(tx: DbClient, personId: string, networkIds: string[]): Promise<number> {
  const { count } = await tx.downloadLink.deleteMany({ where: { OR: [{ personId }, { networkId: { in: networkIds } }] } });
  return count;
}

async function keepNewest(db: DbClient, personId: string): Promise<void> {
  const older = await db.downloadLink.findMany({ where: { personId }, orderBy: { createdAt: "desc" }, skip: MAX_LINKS_PER_PERSON, select: { id: true } });
  if (older.length) await db.downloadLink.deleteMany({ where: { id: { in: older.map((l) => l.id) } } });
}
