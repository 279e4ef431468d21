/** Lower case, accents off, only letters and digits: "Inclusief Inkopen!" → "inclusief inkopen". */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** "HR-kenniskring" → "hr-kenniskring": the slug people can type without spaces. */
export function slugify(name: string): string {
  return normalise(name).replace(/ /g, "-").slice(0, 60).replace(/-+$/, "");
}

export interface Named {
  id: string;
  slug: string;
  name: string;
}

export type MatchOutcome<T> = { kind: "one"; item: T } | { kind: "none" } | { kind: "many"; items: T[] };

/**
 * Forgiving lookup by slug or name: an exact slug or name wins; otherwise every word typed must
 * appear in the name or slug ("inkopen" → "Inclusief inkopen"). Several candidates are returned
 * so the person can be told which ones, rather than the bot guessing.
 */
export function matchByName<T extends Named>(items: T[], query: string): MatchOutcome<T> {
  const wanted = normalise(query);
  if (wanted === "") return { kind: "none" };
  const exact = items.filter((i) => normalise(i.slug) === wanted || normalise(i.name) === wanted);
  if (exact.length === 1) return { kind: "one", item: exact[0]! };
  const words = wanted.split(" ");
  const partial = items.filter((i) => {
    const haystack = `${normalise(i.name)} ${normalise(i.slug)}`;
    return words.every((w) => haystack.includes(w));
  });
  if (partial.length === 1) return { kind: "one", item: partial[0]! };
  return partial.length === 0 ? { kind: "none" } : { kind: "many", items: partial };
}
