CREATE TABLE `instrument` (
	`key` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `instrument_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instrument_key` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`content_hash` text NOT NULL,
	`survey` text NOT NULL,
	`model` text NOT NULL,
	`pathways` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`instrument_key`) REFERENCES `instrument`(`key`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instrument_version_key_version_idx` ON `instrument_version` (`instrument_key`,`version`);--> statement-breakpoint
CREATE INDEX `instrument_version_hash_idx` ON `instrument_version` (`instrument_key`,`content_hash`);