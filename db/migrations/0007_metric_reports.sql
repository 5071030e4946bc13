CREATE TABLE `metric_reports` (
	`workspace_id` integer NOT NULL,
	`scope` text NOT NULL,
	`window_from` text NOT NULL,
	`window_to` text NOT NULL,
	`data_version` integer NOT NULL,
	`revision` text NOT NULL,
	`report` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `scope`, `window_from`, `window_to`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
