-- A published (or retired) instrument version is immutable: responses were scored against it.
-- Only its status may move on (published -> retired); drafts stay editable.
CREATE TRIGGER instrument_version_immutable
BEFORE UPDATE OF instrument_key, version, content_hash, survey, model, pathways ON instrument_version
WHEN OLD.status <> 'draft'
BEGIN
	SELECT RAISE(ABORT, 'a published instrument version cannot be modified');
END;
--> statement-breakpoint
CREATE TRIGGER instrument_version_undeletable
BEFORE DELETE ON instrument_version
WHEN OLD.status <> 'draft'
BEGIN
	SELECT RAISE(ABORT, 'a published instrument version cannot be deleted');
END;
