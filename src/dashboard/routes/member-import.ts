import express, { type Request, type Response, type Router } from "express";
import multer from "multer";
import { z } from "zod";
import { exportMemberList, memberListTemplate } from "../../core/import/export-members.js";
import { MAX_FILE_BYTES, tooLarge } from "../../core/import/read-file.js";
import { applyKeptUpload, previewKeptUpload, previewUpload } from "../../core/import/uploads.js";
import { fail, notAllowed, type UserError } from "../../core/result.js";
import { importDonePage, importPreviewPage, memberImportPage } from "../pages/member-import.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, sendFile, viewer } from "../session.js";

// One file per upload, held in memory: the limit is the import's own, so a bigger file is
// stopped while it streams in rather than after it has been read whole.
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 2, parts: 3 } }).single("file");

const uploadIdParam = z.string().min(1).max(64).regex(/^[a-z0-9]+$/);
const applyForm = z.object({ digest: z.string().min(1).max(100) });

/** Coordinators (and the admin session): template and list downloads, upload, preview and apply. */
export function memberImportRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get("/dashboard/members/import", (_req, res) => {
    const actor = viewer(res);
    if (actor.role !== "COORDINATOR") return void answered(res, notAllowed());
    res.type("html").send(memberImportPage(pageContext(res)));
  });

  for (const format of ["csv", "xlsx"] as const) {
    router.get(`/dashboard/members/template.${format}`, async (_req, res) => {
      sendFile(res, await memberListTemplate({ format, locale: viewer(res).locale }));
    });
    router.get(`/dashboard/members/export.${format}`, async (_req, res) => {
      sendFile(res, await exportMemberList(deps, viewer(res), { format }));
    });
  }

  router.post("/dashboard/members/import", (req, res, next) => {
    upload(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError) return void refused(res, (error.code === "LIMIT_FILE_SIZE" ? tooLarge() : noFile()).error, 413);
      if (error) return next(error);
      void receive(req, res).catch(next);
    });
  });

  async function receive(req: Request, res: Response) {
    if (!req.file) return refused(res, noFile().error, 400);
    const result = await previewUpload(deps, viewer(res), new Uint8Array(req.file.buffer));
    if (!result.ok) return result.error.reason === "notAllowed" ? void answered(res, result) : refused(res, result.error, 400);
    res.type("html").send(importPreviewPage(pageContext(res), result.value));
  }

  router.post("/dashboard/members/import/:uploadId/apply", async (req, res) => {
    const id = uploadIdParam.safeParse(req.params.uploadId);
    const form = applyForm.safeParse(req.body);
    if (!id.success || !form.success) return refused(res, expired().error, 404);
    const actor = viewer(res);
    const result = await applyKeptUpload(deps, actor, id.data, form.data.digest);
    if (result.ok) return void res.type("html").send(importDonePage(pageContext(res), result.value));
    if (result.error.reason === "notAllowed") return void answered(res, result);
    if (result.error.key === "import.upload.expired") return refused(res, result.error, 404);
    // The list changed since the preview (or the file now has bad rows): show the plan as it is now.
    const again = await previewKeptUpload(deps, actor, id.data);
    if (!again.ok) return refused(res, again.error, 400);
    const { t } = pageContext(res);
    res.status(409).type("html").send(importPreviewPage(pageContext(res), again.value, t(result.error.key, result.error.params)));
  });

  return router;
}

const noFile = () => fail("invalid", "import.page.noFile");
const expired = () => fail("notFound", "import.upload.expired");

/** The upload page again, with what was wrong with the file above the form. */
function refused(res: Response, error: UserError, status: number) {
  const ctx = pageContext(res);
  res.status(status).type("html").send(memberImportPage(ctx, ctx.t(error.key, error.params)));
}
