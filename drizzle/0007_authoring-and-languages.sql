ALTER TABLE `instrument_version` ADD `crosswalk` text;--> statement-breakpoint
ALTER TABLE `instrument_version` ADD `created_by` text REFERENCES user(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `instrument_version` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `user` ADD `language` text;--> statement-breakpoint
-- The crosswalk is part of a published version's content: immutable like the rest.
DROP TRIGGER instrument_version_immutable;--> statement-breakpoint
CREATE TRIGGER instrument_version_immutable
BEFORE UPDATE OF instrument_key, version, content_hash, survey, model, pathways, crosswalk ON instrument_version
WHEN OLD.status <> 'draft'
BEGIN
	SELECT RAISE(ABORT, 'a published instrument version cannot be modified');
END;--> statement-breakpoint
-- A published or retired version never becomes a draft again (which would make it editable).
CREATE TRIGGER instrument_version_no_return_to_draft
BEFORE UPDATE OF status ON instrument_version
WHEN OLD.status <> 'draft' AND NEW.status = 'draft'
BEGIN
	SELECT RAISE(ABORT, 'a published instrument version cannot become a draft again');
END;
