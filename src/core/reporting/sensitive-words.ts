/**
 * Words that, in a report's remark, say something about the health or benefits of the people
 * placed: AVG special-category data (art. 9) or data that points at one person. A report holds
 * counts only, so a remark with one of them is refused and the member is told why.
 *
 * Sources, kept by hand because no maintained Dutch list exists as a package: the conditions
 * UWV and the Participatiewet name for the doelgroep (Wajong, Wsw, WIA/WGA/IVA, WAO, Ziektewet,
 * banenafspraak-indicatie), the diagnoses most often seen in inclusive-employment practice
 * (autismespectrum, AD(H)D, NAH, LVB, psychische aandoeningen, chronische ziekten) and the
 * benefits of the social-security system (bijstand, IOAW/IOAZ, WW). Programme names that are the
 * network's own vocabulary and say nothing about a person (Participatiewet, banenafspraak,
 * arbeidsbeperking, doelgroep) are deliberately NOT on the list.
 *
 * Matching is on whole words, case and accents ignored; an entry ending in "*" also matches
 * longer words ("autis*": autisme, autistisch), one starting with "*" words that end in it
 * ("*uitkering": bijstandsuitkering). Abbreviations match only in capitals, so the English
 * "add" or the Dutch "ms" (milliseconde) are left alone. Keep the SQL scrub in
 * prisma/migrations/*_scrub_report_remarks in mind when extending: it ran once with this list.
 */
export const HEALTH_WORDS = [
  "autis*",
  "asperger*",
  "pdd-nos",
  "depressie*",
  "depressief",
  "burn-out",
  "burnout",
  "overspannen*",
  "angststoornis*",
  "paniekstoornis*",
  "dwangstoornis*",
  "persoonlijkheidsstoornis*",
  "borderline",
  "bipolair*",
  "schizofren*",
  "psychose*",
  "psychotisch*",
  "psychiatrisch*",
  "verslaving*",
  "verslaafd*",
  "alcoholis*",
  "epilepsie",
  "epileptisch*",
  "diabet*",
  "kanker",
  "tumor",
  "chemo*",
  "reuma*",
  "hernia",
  "multiple sclerose",
  "parkinson*",
  "hersenletsel",
  "beroerte",
  "herseninfarct",
  "hartinfarct",
  "dyslex*",
  "dyscalculie",
  "verstandelijke beperking",
  "verstandelijk beperkt*",
  "downsyndroom",
  "syndroom van down",
  "doof*",
  "slechthorend*",
  "blind*",
  "slechtziend*",
  "rolstoel*",
  "chronisch ziek*",
  "chronische ziekte*",
  "long covid",
  "diagnose*",
] as const;

export const BENEFIT_WORDS = ["wajong*", "*uitkering*", "bijstand*", "ziektewet", "arbeidsongeschikt*", "wsw-indicatie", "wsw-er*", "ioaw", "ioaz"] as const;

/** Only in capitals: as lower-case words they are ordinary Dutch or English. */
export const HEALTH_ABBREVIATIONS = ["ADHD", "ADD", "ASS", "PTSS", "PTSD", "OCD", "NAH", "LVB", "CVS", "ME/CVS", "GGZ"] as const;
export const BENEFIT_ABBREVIATIONS = ["WIA", "WGA", "IVA", "WAO", "WW", "WSW", "ZW", "IOW"] as const;
