CREATE TABLE `sync_leases` (
	`workspace_id` integer NOT NULL,
	`source` text NOT NULL,
	`holder` text,
	`claimed_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`slot` integer,
	PRIMARY KEY(`workspace_id`, `source`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
