-- Change feed: after each commit, PostgreSQL (and PGlite) tell every listening bot instance
-- which rows changed, as short tags on channel "netwerkbot_changes". The instances' read caches
-- (src/db/read-cache.ts) drop what those rows fed. A trigger rather than application code, so
-- no writer can forget it: other instances, scripts and manual SQL are seen too. NOTIFY is
-- transactional: a rolled-back write announces nothing, and duplicates within one transaction
-- are sent once.

-- Arguments: the tag's prefix, then the columns whose values complete it ("employer", "id").
CREATE FUNCTION netwerkbot_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_tag text;
  old_tag text;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    new_tag := TG_ARGV[0];
    FOR i IN 1 .. TG_NARGS - 1 LOOP
      new_tag := new_tag || ':' || coalesce(to_jsonb(NEW) ->> TG_ARGV[i], '');
    END LOOP;
    PERFORM pg_notify('netwerkbot_changes', new_tag);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    old_tag := TG_ARGV[0];
    FOR i IN 1 .. TG_NARGS - 1 LOOP
      old_tag := old_tag || ':' || coalesce(to_jsonb(OLD) ->> TG_ARGV[i], '');
    END LOOP;
    IF old_tag IS DISTINCT FROM new_tag THEN
      PERFORM pg_notify('netwerkbot_changes', old_tag);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- TRUNCATE has no rows to name: everything read from the table is dropped.
CREATE FUNCTION netwerkbot_notify_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('netwerkbot_changes', '*');
  RETURN NULL;
END
$$;

-- The tables the caches read: who a chat user is (identity, person, network language) and an
-- employer's reports (employer, network time zone, reports).
CREATE TRIGGER "Network_changes" AFTER INSERT OR UPDATE OR DELETE ON "Network"
  FOR EACH ROW EXECUTE FUNCTION netwerkbot_notify_change('network', 'id');
CREATE TRIGGER "Employer_changes" AFTER INSERT OR UPDATE OR DELETE ON "Employer"
  FOR EACH ROW EXECUTE FUNCTION netwerkbot_notify_change('employer', 'id');
CREATE TRIGGER "Person_changes" AFTER INSERT OR UPDATE OR DELETE ON "Person"
  FOR EACH ROW EXECUTE FUNCTION netwerkbot_notify_change('person', 'id');
CREATE TRIGGER "PlatformIdentity_changes" AFTER INSERT OR UPDATE OR DELETE ON "PlatformIdentity"
  FOR EACH ROW EXECUTE FUNCTION netwerkbot_notify_change('identity', 'platform', 'tenantId', 'externalUserId');
CREATE TRIGGER "PlacementReport_changes" AFTER INSERT OR UPDATE OR DELETE ON "PlacementReport"
  FOR EACH ROW EXECUTE FUNCTION netwerkbot_notify_change('employer', 'employerId');

CREATE TRIGGER "Network_truncated" AFTER TRUNCATE ON "Network" FOR EACH STATEMENT EXECUTE FUNCTION netwerkbot_notify_truncate();
CREATE TRIGGER "Employer_truncated" AFTER TRUNCATE ON "Employer" FOR EACH STATEMENT EXECUTE FUNCTION netwerkbot_notify_truncate();
CREATE TRIGGER "Person_truncated" AFTER TRUNCATE ON "Person" FOR EACH STATEMENT EXECUTE FUNCTION netwerkbot_notify_truncate();
CREATE TRIGGER "PlatformIdentity_truncated" AFTER TRUNCATE ON "PlatformIdentity" FOR EACH STATEMENT EXECUTE FUNCTION netwerkbot_notify_truncate();
CREATE TRIGGER "PlacementReport_truncated" AFTER TRUNCATE ON "PlacementReport" FOR EACH STATEMENT EXECUTE FUNCTION netwerkbot_notify_truncate();
