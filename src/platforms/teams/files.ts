import { randomBytes } from "node:crypto";
import type { Express } from "express";
import type { ChatFile } from "../../chat/message.js";

/**
 * Exports (CSV, .ics) for Teams. A bot cannot attach a file to a message without the
 * file-consent / OneDrive dance, and clients do not open data: URLs, so the bot serves the file
 * itself behind an unguessable link that expires. The file lives in this process's memory:
 * behind a load balancer with several instances, route /api/teams/files with sticky sessions.
 */
export const FILE_TTL_MINUTES = 15;
const MAX_FILES = 500;

interface StoredFile {
  file: ChatFile;
  expiresAt: number;
}

export interface FileStore {
  put(file: ChatFile): string;
  mount(app: Express): void;
}

export function createFileStore(baseUrl: () => string, now: () => number = Date.now): FileStore {
  const files = new Map<string, StoredFile>();
  const sweep = () => {
    for (const [token, stored] of files) if (stored.expiresAt <= now()) files.delete(token);
    while (files.size >= MAX_FILES) files.delete(files.keys().next().value!);
  };
  return {
    put(file) {
      sweep();
      const token = randomBytes(24).toString("base64url");
      files.set(token, { file, expiresAt: now() + FILE_TTL_MINUTES * 60_000 });
      return `${baseUrl()}/api/teams/files/${token}/${encodeURIComponent(file.filename)}`;
    },
    mount(app) {
      app.get("/api/teams/files/:token/:name", (req, res) => {
        const stored = files.get(req.params.token);
        if (!stored || stored.expiresAt <= now()) {
          res.status(404).type("text/plain").send("Not found");
          return;
        }
        res.setHeader("content-type", `${stored.file.mimeType}; charset=utf-8`);
        res.setHeader("content-disposition", `attachment; filename="${stored.file.filename.replace(/[^\w.-]/g, "_")}"`);
        res.setHeader("cache-control", "no-store");
        res.send(typeof stored.file.content === "string" ? stored.file.content : Buffer.from(stored.file.content));
      });
    },
  };
}
