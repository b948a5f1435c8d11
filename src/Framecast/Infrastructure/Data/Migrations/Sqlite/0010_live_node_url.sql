-- Where other nodes reach the node that holds a broadcast, to relay its playlists and parts to their viewers.
ALTER TABLE live_sessions ADD COLUMN node_url TEXT NULL;
