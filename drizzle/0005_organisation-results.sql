CREATE TABLE `organisation_dimension` (
	`round_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`dimension_key` text NOT NULL,
	`score` real,
	`level` integer,
	`divergent` integer NOT NULL,
	PRIMARY KEY(`round_id`, `organisation_id`, `dimension_key`),
	FOREIGN KEY (`round_id`,`organisation_id`) REFERENCES `organisation_round`(`round_id`,`organisation_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organisation_round` (
	`round_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`source` text NOT NULL,
	`respondent_count` integer NOT NULL,
	`overall_index` real,
	`overall_level` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `organisation_id`),
	FOREIGN KEY (`round_id`) REFERENCES `round`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
