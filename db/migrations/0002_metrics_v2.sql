CREATE TABLE `change_links` (
	`workspace_id` integer NOT NULL,
	`repository_id` text NOT NULL,
	`number` integer NOT NULL,
	`deployment_id` text,
	PRIMARY KEY(`workspace_id`, `repository_id`, `number`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `workspaces` ADD `rework_pattern` text DEFAULT '^\s*(revert|hotfix)\b' NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `rework_labels` text DEFAULT 'hotfix,revert,incident' NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `links_version` integer DEFAULT -1 NOT NULL;--> statement-breakpoint
ALTER TABLE `commits` ADD `parents` text;--> statement-breakpoint
ALTER TABLE `pull_requests` ADD `title` text;--> statement-breakpoint
ALTER TABLE `pull_requests` ADD `labels` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `fix_deployment_id` text;