CREATE TABLE `action_item` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`instrument_key` text NOT NULL,
	`dimension_key` text NOT NULL,
	`action_key` text,
	`level` integer,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`owner_id` text,
	`due_on` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`round_id` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`instrument_key`) REFERENCES `instrument`(`key`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`round_id`) REFERENCES `round`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_item_org_idx` ON `action_item` (`organisation_id`,`instrument_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `action_item_adopted_idx` ON `action_item` (`organisation_id`,`instrument_key`,`action_key`) WHERE action_key is not null and status <> 'dropped';--> statement-breakpoint
CREATE TABLE `peer_request` (
	`id` text PRIMARY KEY NOT NULL,
	`from_organisation_id` text NOT NULL,
	`to_organisation_id` text NOT NULL,
	`from_user_id` text,
	`instrument_key` text NOT NULL,
	`dimension_key` text NOT NULL,
	`peer_instrument_key` text NOT NULL,
	`peer_dimension_key` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`responded_at` integer,
	`responded_by` text,
	FOREIGN KEY (`from_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`responded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `peer_request_to_idx` ON `peer_request` (`to_organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `peer_request_from_idx` ON `peer_request` (`from_organisation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `peer_request_pending_idx` ON `peer_request` (`from_organisation_id`,`to_organisation_id`,`instrument_key`,`dimension_key`) WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE `organisation` ADD `peer_contact` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `target_level` integer DEFAULT 4 NOT NULL;