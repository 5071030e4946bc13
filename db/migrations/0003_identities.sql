CREATE TABLE `identity_decisions` (
	`workspace_id` integer NOT NULL,
	`person_id` text NOT NULL,
	`into_id` text,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `person_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `person_links` (
	`workspace_id` integer NOT NULL,
	`person_id` text NOT NULL,
	`other_id` text NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `person_id`, `other_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `person_names` (
	`workspace_id` integer NOT NULL,
	`person_id` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `person_id`, `name`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
