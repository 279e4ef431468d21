-- Which networks a Slack workspace or Teams tenant serves is read on every chat request (a chat
-- identity counts only in a bound workspace) and kept in the read cache per workspace. A binding
-- that is added or removed announces "binding:<platform>:<tenantId>" (see change_feed).
CREATE TRIGGER "WorkspaceBinding_changes" AFTER INSERT OR UPDATE OR DELETE ON "WorkspaceBinding"
  FOR EACH ROW EXECUTE FUNCTION netwerkbot_notify_change('binding', 'platform', 'tenantId');
CREATE TRIGGER "WorkspaceBinding_truncated" AFTER TRUNCATE ON "WorkspaceBinding" FOR EACH STATEMENT EXECUTE FUNCTION netwerkbot_notify_truncate();
