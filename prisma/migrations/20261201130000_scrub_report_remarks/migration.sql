-- Issue 15.7: report remarks must never hold personal or health data. From now on the bot refuses
-- such a remark (src/core/reporting/remark-check.ts); this scrubs what was stored before, in the
-- current figures and in every kept version, and leaves one audit row per scrubbed report.
--
-- The rule, in SQL, as close to the TypeScript check as PostgreSQL's regular expressions allow
-- (on doubt it scrubs: a lost remark costs context, a kept diagnosis is a breach). A remark is
-- scrubbed (set to NULL; the figures stay) when it has
--   * a capitalised word after "geplaatst(e)" (optionally after kandidaat/medewerker/...): a name;
--   * an e-mail address;
--   * a run of 9 digits (grouped 3-3-3 or 4-2-3 by spaces, dots or dashes) passing the elfproef: a BSN;
--   * a Dutch phone number (0 and 9 digits, or +/00 and a country code, separators allowed);
--   * a word of the health or benefit lists in src/core/reporting/sensitive-words.ts as they were
--     at this migration (case ignored), or one of their abbreviations (in capitals only).
-- It can run again without harm: only remarks that still match change.

CREATE FUNCTION pg_temp.remark_looks_personal(remark TEXT) RETURNS BOOLEAN LANGUAGE SQL IMMUTABLE AS $$
  SELECT
    remark ~ '(^|[^[:alnum:]])[Gg]eplaatste?([[:space:]]+(kandidaat|kandidaten|medewerker|medewerkers|persoon|personen|collega|collega''s))?[[:space:]]*[-:,–—]?[[:space:]]*([[:upper:]]|[À-Ý])'
    OR remark ~ '[^[:space:]@<>()]+@[^[:space:]@<>()]+\.[[:alpha:]]{2,}'
    OR remark ~ '(^|[^0-9+])((\+|00)[1-9][0-9]([ .()-]{0,2}[0-9]){7,11}|0[1-9]([ .()-]{0,2}[0-9]){8})([^0-9]|$)'
    OR remark ~* '(^|[^[:alnum:]])(autis[[:alnum:]]*|asperger[[:alnum:]]*|pdd\-nos|depressie[[:alnum:]]*|depressief|burn\-out|burnout|overspannen[[:alnum:]]*|angststoornis[[:alnum:]]*|paniekstoornis[[:alnum:]]*|dwangstoornis[[:alnum:]]*|persoonlijkheidsstoornis[[:alnum:]]*|borderline|bipolair[[:alnum:]]*|schizofren[[:alnum:]]*|psychose[[:alnum:]]*|psychotisch[[:alnum:]]*|psychiatrisch[[:alnum:]]*|verslaving[[:alnum:]]*|verslaafd[[:alnum:]]*|alcoholis[[:alnum:]]*|epilepsie|epileptisch[[:alnum:]]*|diabet[[:alnum:]]*|kanker|tumor|chemo[[:alnum:]]*|reuma[[:alnum:]]*|hernia|multiple[[:space:]]+sclerose|parkinson[[:alnum:]]*|hersenletsel|beroerte|herseninfarct|hartinfarct|dyslex[[:alnum:]]*|dyscalculie|verstandelijke[[:space:]]+beperking|verstandelijk[[:space:]]+beperkt[[:alnum:]]*|downsyndroom|syndroom[[:space:]]+van[[:space:]]+down|doof[[:alnum:]]*|slechthorend[[:alnum:]]*|blind[[:alnum:]]*|slechtziend[[:alnum:]]*|rolstoel[[:alnum:]]*|chronisch[[:space:]]+ziek[[:alnum:]]*|chronische[[:space:]]+ziekte[[:alnum:]]*|long[[:space:]]+covid|diagnose[[:alnum:]]*|wajong[[:alnum:]]*|[[:alnum:]]*uitkering[[:alnum:]]*|bijstand[[:alnum:]]*|ziektewet|arbeidsongeschikt[[:alnum:]]*|wsw\-indicatie|wsw\-er[[:alnum:]]*|ioaw|ioaz)([^[:alnum:]]|$)'
    OR remark ~ '(^|[^[:alnum:]])(ADHD|ADD|ASS|PTSS|PTSD|OCD|NAH|LVB|CVS|ME\/CVS|GGZ|WIA|WGA|IVA|WAO|WW|WSW|ZW|IOW)([^[:alnum:]]|$)'
    OR EXISTS (
      SELECT 1
      FROM regexp_matches(remark, '(?<![0-9])([0-9]{3}[ .-]?[0-9]{3}[ .-]?[0-9]{3}|[0-9]{4}[ .-]?[0-9]{2}[ .-]?[0-9]{3})(?![0-9])', 'g') AS m(groups)
      CROSS JOIN LATERAL (SELECT regexp_replace(m.groups[1], '[^0-9]', '', 'g') AS d) AS n
      WHERE n.d <> '000000000'
        AND ((SELECT sum(substr(n.d, i, 1)::int * (10 - i)) FROM generate_series(1, 8) AS i) - substr(n.d, 9, 1)::int) % 11 = 0
    )
$$;

WITH revisions AS (
  UPDATE "PlacementReportRevision" SET "remark" = NULL
  WHERE "remark" IS NOT NULL AND pg_temp.remark_looks_personal("remark")
  RETURNING "reportId" AS id
), reports AS (
  UPDATE "PlacementReport" SET "remark" = NULL
  WHERE "remark" IS NOT NULL AND pg_temp.remark_looks_personal("remark")
  RETURNING id
)
INSERT INTO "AuditLog" ("id", "actorId", "action", "subjectType", "subjectId", "details", "at")
SELECT gen_random_uuid()::text, NULL, 'report.remarkScrub', 'PlacementReport', scrubbed.id, '{"by": "migration 20261201130000_scrub_report_remarks"}'::jsonb, CURRENT_TIMESTAMP
FROM (SELECT id FROM revisions UNION SELECT id FROM reports) AS scrubbed;

DROP FUNCTION pg_temp.remark_looks_personal(TEXT);
