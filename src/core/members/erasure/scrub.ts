import type { DbClient } from "../../../db/database.js";

/** What an identifier becomes where the text around it stays (a remark, an audit detail, a reference). */
export const ERASED_MARK = "[verwijderd]";

/**
 * Blanks every occurrence of the subject's identifiers in one column, for the rows that hold one.
 * `table` and `column` come from the erasure steps in code, never from input. Returns the rows changed.
 */
export async function scrubColumn(tx: DbClient, table: string, column: string, type: "text" | "json" | "textArray", strings: string[]): Promise<number> {
  if (strings.length === 0) return 0;
  const patterns = strings.map((s) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await tx.$queryRawUnsafe<{ id: string; value: unknown }[]>(
    `SELECT id, "${column}" AS value FROM "${table}" WHERE "${column}"::text ILIKE ANY($1::text[])`,
    patterns,
  );
  for (const row of rows) {
    const value = scrubValue(row.value, strings);
    if (type === "json") await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1::jsonb WHERE id = $2`, JSON.stringify(value), row.id);
    else if (type === "textArray") await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1::text[] WHERE id = $2`, value, row.id);
    else await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1 WHERE id = $2`, value, row.id);
  }
  return rows.length;
}

/** The value with every string inside it (at any depth, keys included) cleared of the identifiers. */
export function scrubValue(value: unknown, strings: string[]): unknown {
  if (typeof value === "string") return scrubText(value, strings);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, strings));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubText(k, strings), scrubValue(v, strings)]));
  }
  return value;
}

export function scrubText(text: string, strings: string[]): string {
  let out = text;
  for (const s of strings) out = out.replace(new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), ERASED_MARK);
  return out;
}
