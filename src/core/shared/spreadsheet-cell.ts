// Spreadsheet programs run a cell that starts with = + - @ (or tab / carriage return) as a
// formula; a remark like "=HYPERLINK(...)" typed in chat must stay text when a coordinator
// opens the export. The OWASP advice: prefix such cells with a single quote.
const formulaStart = /^[=+\-@\t\r]/;

export function safeCell(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : value === null || value === undefined ? "" : String(value);
  return formulaStart.test(text) ? `'${text}` : text;
}

/** Undoes safeCell when such a file comes back: "'=Jansen" was written for "=Jansen". */
export function unescapeCell(text: string): string {
  return text.startsWith("'") && formulaStart.test(text.slice(1)) ? text.slice(1) : text;
}
