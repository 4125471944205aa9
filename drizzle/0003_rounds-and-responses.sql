CREATE TABLE `response` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`user_id` text,
	`kind` text NOT NULL,
	`version_id` integer NOT NULL,
	`status` text NOT NULL,
	`draft_data` text NOT NULL,
	`current_page` text,
	`draft_revision` integer DEFAULT 0 NOT NULL,
	`draft_saved_at` integer,
	`submitted_data` text,
	`submitted_at` integer,
	`overall_index` real,
	`overall_level` integer,
	`score_detail` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `round`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`version_id`) REFERENCES `instrument_version`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_person_idx` ON `response` (`round_id`,`organisation_id`,`user_id`) WHERE kind = 'individual';--> statement-breakpoint
CREATE UNIQUE INDEX `response_agreed_idx` ON `response` (`round_id`,`organisation_id`) WHERE kind = 'agreed';--> statement-breakpoint
CREATE INDEX `response_org_idx` ON `response` (`organisation_id`,`round_id`);--> statement-breakpoint
CREATE TABLE `response_dimension` (
	`response_id` text NOT NULL,
	`dimension_key` text NOT NULL,
	`score` real,
	`level` integer,
	`gate_cap` integer,
	PRIMARY KEY(`response_id`, `dimension_key`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `round` (
	`id` text PRIMARY KEY NOT NULL,
	`instrument_key` text NOT NULL,
	`version_id` integer NOT NULL,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`organisation_types` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`instrument_key`) REFERENCES `instrument`(`key`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`version_id`) REFERENCES `instrument_version`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `round_instrument_idx` ON `round` (`instrument_key`,`status`);