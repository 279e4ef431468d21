import { z } from "zod";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_MIME = "text/csv; charset=utf-8";

export type ExportFormat = "csv" | "xlsx";

/** A file every export hands to chat (Slack upload, Teams link) and the dashboard alike. */
export interface SpreadsheetFile {
  filename: string;
  mimeType: string;
  content: string | Uint8Array;
}

export const exportFormat = z.enum(["csv", "xlsx"], { errorMap: () => ({ message: "import.export.format" }) }).default("csv");

/** What every export takes besides its own input: the file type, and a language other than the reader's. */
export const exportOptions = z.object({
  format: exportFormat,
  locale: z.enum(["nl", "en"]).optional(),
});
export type ExportOptions = z.input<typeof exportOptions>;

/** "export", "export xlsx", "export excel", "export csv": the file type a chat command asks for. */
export function formatWord(word: string | undefined): ExportFormat | undefined {
  if (word === undefined || word === "") return "csv";
  const w = word.toLowerCase();
  return w === "csv" ? "csv" : w === "xlsx" || w === "excel" ? "xlsx" : undefined;
}
