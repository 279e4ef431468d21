import { createHash } from "node:crypto";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, notAllowed, ok, type Result } from "../result.js";
import { applyImport, previewImport, type ImportOutcome } from "./import-members.js";
import type { ImportPlan } from "./plan.js";

// A preview is read and then, minutes later, applied by pressing a button: the file is kept in
// between so that the very bytes previewed are applied, not a second upload. The file holds
// names and addresses, so it is kept only as long as a coordinator plausibly looks at a preview.
export const UPLOAD_LIFETIME_MS = 30 * 60_000;

export interface KeptPreview {
  uploadId: string;
  plan: ImportPlan;
}

/** Previews an uploaded file and, when it reads, keeps it for applying. */
export async function previewUpload(deps: CoreDeps, actor: Actor, content: Uint8Array): Promise<Result<KeptPreview>> {
  const preview = await previewImport(deps, actor, content);
  if (!preview.ok) return preview;
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + UPLOAD_LIFETIME_MS);
  const hash = sha256(content);
  await deps.db.importUpload.deleteMany({ where: { expiresAt: { lt: now } } });
  // The same file uploaded again (after a look in Excel) is the same upload, kept a while longer.
  const same = { networkId: actor.networkId, uploadedById: actor.personId, sha256: hash };
  const { count } = await deps.db.importUpload.updateMany({ where: same, data: { expiresAt } });
  const upload = count > 0
    ? await deps.db.importUpload.findFirstOrThrow({ where: same, select: { id: true } })
    : await deps.db.importUpload.create({ data: { ...same, contentBase64: Buffer.from(content).toString("base64"), expiresAt, createdAt: now }, select: { id: true } });
  return ok({ uploadId: upload.id, plan: preview.value });
}

/** The kept file's preview again, e.g. after an apply was refused because the list changed. */
export async function previewKeptUpload(deps: CoreDeps, actor: Actor, uploadId: string): Promise<Result<KeptPreview>> {
  const content = await keptContent(deps, actor, uploadId);
  if (!content.ok) return content;
  const preview = await previewImport(deps, actor, content.value);
  return preview.ok ? ok({ uploadId, plan: preview.value }) : preview;
}

/**
 * Applies the kept file if its plan is still the one shown (`digest`); the file is forgotten
 * once applied. Only its uploader may apply it, within its lifetime.
 */
export async function applyKeptUpload(deps: CoreDeps, actor: Actor, uploadId: string, digest: string): Promise<Result<ImportOutcome>> {
  const content = await keptContent(deps, actor, uploadId);
  if (!content.ok) return content;
  const outcome = await applyImport(deps, actor, content.value, { expectedDigest: digest });
  if (outcome.ok) await deps.db.importUpload.deleteMany({ where: { id: uploadId } });
  return outcome;
}

async function keptContent(deps: CoreDeps, actor: Actor, uploadId: string): Promise<Result<Uint8Array>> {
  if (!isCoordinator(actor)) return notAllowed();
  const upload = await deps.db.importUpload.findFirst({
    where: { id: uploadId, networkId: actor.networkId, uploadedById: actor.personId, expiresAt: { gt: deps.now() } },
    select: { contentBase64: true },
  });
  return upload ? ok(new Uint8Array(Buffer.from(upload.contentBase64, "base64"))) : fail("notFound", "import.upload.expired");
}

const sha256 = (content: Uint8Array) => createHash("sha256").update(content).digest("hex");
