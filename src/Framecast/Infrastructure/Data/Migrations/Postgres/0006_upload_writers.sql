-- One writer at a time per upload, on any node: a PATCH claims the row (at the offset it appends at) for a renewed lease.
ALTER TABLE uploads ADD COLUMN writer_id text NULL;
ALTER TABLE uploads ADD COLUMN writer_until timestamptz NULL;
