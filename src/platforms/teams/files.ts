import type { Express } from "express";
import { z } from "zod";
import type { ChatFile } from "../../chat/message.js";
import type { CoreDeps } from "../../core/deps.js";
import { createDownloadLink, DOWNLOAD_LINK_MINUTES, openDownloadLink, type LinkOwner } from "../../core/downloads/download-links.js";
import { translator, type Locale } from "../../i18n/index.js";

/**
 * Exports (CSV, .ics) for Teams. A bot cannot attach a file to a message without the
 * file-consent / OneDrive dance, and clients do not open data: URLs, so the bot serves the file
 * itself behind an unguessable link that expires. The link lives in the database
 * (core/downloads), so whichever instance the click reaches serves it.
 */
export const FILE_TTL_MINUTES = DOWNLOAD_LINK_MINUTES;

export interface FileStore {
  put(file: ChatFile, owner: LinkOwner | null): Promise<string>;
  mount(app: Express): void;
}

// randomBytes(32) in base64url; anything else cannot be a token and is not looked up.
const tokenParam = z.string().regex(/^[\w-]{43}$/);

export function createFileStore(deps: CoreDeps, baseUrl: () => string, locale: Locale): FileStore {
  const t = translator(locale);
  return {
    async put(file, owner) {
      const { token } = await createDownloadLink(deps, owner, file);
      return `${baseUrl()}/api/teams/files/${token}/${encodeURIComponent(file.filename)}`;
    },
    mount(app) {
      app.get("/api/teams/files/:token/:name", async (req, res) => {
        res.setHeader("cache-control", "no-store");
        const token = tokenParam.safeParse(req.params.token);
        const found = token.success ? await openDownloadLink(deps, token.data) : null;
        if (!found?.ok) {
          const key = found?.error.key ?? "downloads.notFound";
          res.status(key === "downloads.expired" ? 410 : 404).type("text/plain").send(t(key));
          return;
        }
        const file = found.value;
        res.setHeader("content-type", `${file.mimeType}; charset=utf-8`);
        res.setHeader("content-disposition", `attachment; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`);
        res.send(typeof file.content === "string" ? file.content : Buffer.from(file.content));
      });
    },
  };
}
