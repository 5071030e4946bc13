CREATE TABLE `collected_records` (
	`workspace_id` integer NOT NULL,
	`source` text NOT NULL,
	`repository_id` text NOT NULL,
	`type` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `source`, `repository_id`, `type`, `key`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
