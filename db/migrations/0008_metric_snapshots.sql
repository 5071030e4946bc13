CREATE TABLE `metric_snapshots` (
	`workspace_id` integer PRIMARY KEY NOT NULL,
	`data_version` integer NOT NULL,
	`shape` text NOT NULL,
	`bytes` blob NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
