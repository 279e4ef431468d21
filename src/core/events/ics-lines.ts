/**
 * RFC 5545 §3.1: content lines are folded at 75 *octets*. The `ics` library folds at 75
 * characters, so a line with ë or ó reached 80 octets and strict readers (libical) refused it.
 * We unfold what it wrote and fold again by UTF-8 length, never inside a character.
 */
export function refoldByOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  return lines.map(foldLine).join("\r\n");
}

const MAX_OCTETS = 75;

function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  // A continuation line starts with one space, which counts towards its 75 octets.
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** TEXT escaping (§3.3.11) for properties `ics` writes verbatim, such as X-WR-CALNAME. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}
