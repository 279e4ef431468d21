-- Which networks lie below or above a network is read on almost every request of a coordinator
-- (and on every event list of a member) and kept in the read cache under one tag. A network that
-- is added, removed or moved in the tree announces "network-tree" (see change_feed), which drops
-- all of those entries; renames and other edits do not.
CREATE TRIGGER "Network_tree_changes" AFTER INSERT OR DELETE OR UPDATE OF "parentId" ON "Network"
  FOR EACH ROW EXECUTE FUNCTION netwerkbot_notify_change('network-tree');
