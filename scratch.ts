import { catalogue } from "./src/i18n/catalogue.ts";
for (const l of ["en"] as const) for (const [k, v] of Object.entries(catalogue[l])) {
  const m = v.match(/: (\p{Lu}\p{Ll}*)/u); if (m) console.log("COLON", l, k, m[1], "|", v.slice(0,120));
}
for (const l of ["nl","en"] as const) for (const [k, v] of Object.entries(catalogue[l])) if (/\((s|en|men)\)|\w\/\w+en\b|persoon\/|rij\(/.test(v)) console.log("PL", l, k, "|", v.slice(0,150));
for (const [k, v] of Object.entries(catalogue.nl)) if (/\b(event|events)\b/i.test(v)) console.log("EV", k, "|", v.slice(0,150));
