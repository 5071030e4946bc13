CREATE TABLE `workspaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`production_env` text DEFAULT '^prod(uction)?([-_.: ].*)?$' NOT NULL,
	`attribution_window_hours` real DEFAULT 24 NOT NULL,
	`newcomer_grace_days` real DEFAULT 30 NOT NULL,
	`data_version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspaces_slug_unique` ON `workspaces` (`slug`);--> statement-breakpoint
CREATE TABLE `teams` (
	`workspace_id` integer NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `repositories` (
	`workspace_id` integer NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`team_id` text,
	`default_branch` text,
	`url` text,
	`is_template` integer,
	`template_id` text,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `repositories_team` ON `repositories` (`workspace_id`,`team_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`workspace_id` integer NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`team_id` text,
	`joined_at` integer,
	`is_bot` integer,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `people_team` ON `people` (`workspace_id`,`team_id`);--> statement-breakpoint
CREATE TABLE `commits` (
	`workspace_id` integer NOT NULL,
	`repository_id` text NOT NULL,
	`sha` text NOT NULL,
	`authored_at` integer NOT NULL,
	`author_id` text,
	`committed_at` integer,
	PRIMARY KEY(`workspace_id`, `repository_id`, `sha`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `commits_author` ON `commits` (`workspace_id`,`author_id`,`authored_at`);--> statement-breakpoint
CREATE INDEX `commits_authored` ON `commits` (`workspace_id`,`authored_at`);--> statement-breakpoint
CREATE TABLE `pull_requests` (
	`workspace_id` integer NOT NULL,
	`repository_id` text NOT NULL,
	`number` integer NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`first_commit_at` integer,
	`merged_at` integer,
	`closed_at` integer,
	`base_branch` text,
	`merge_commit_sha` text,
	`url` text,
	PRIMARY KEY(`workspace_id`, `repository_id`, `number`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pull_requests_merged` ON `pull_requests` (`workspace_id`,`repository_id`,`merged_at`);--> statement-breakpoint
CREATE INDEX `pull_requests_author_created` ON `pull_requests` (`workspace_id`,`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `pull_requests_author_merged` ON `pull_requests` (`workspace_id`,`author_id`,`merged_at`);--> statement-breakpoint
CREATE INDEX `pull_requests_created` ON `pull_requests` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deployments` (
	`workspace_id` integer NOT NULL,
	`id` text NOT NULL,
	`repository_id` text NOT NULL,
	`environment` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`sha` text,
	`url` text,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deployments_repository_finished` ON `deployments` (`workspace_id`,`repository_id`,`finished_at`);--> statement-breakpoint
CREATE INDEX `deployments_finished` ON `deployments` (`workspace_id`,`finished_at`);--> statement-breakpoint
CREATE INDEX `deployments_created` ON `deployments` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deployments_sha` ON `deployments` (`workspace_id`,`sha`);--> statement-breakpoint
CREATE TABLE `ci_runs` (
	`workspace_id` integer NOT NULL,
	`id` text NOT NULL,
	`repository_id` text NOT NULL,
	`workflow` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`head_sha` text,
	`branch` text,
	`event` text,
	`url` text,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ci_runs_repository_started` ON `ci_runs` (`workspace_id`,`repository_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`workspace_id` integer NOT NULL,
	`id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`title` text,
	`severity` text,
	`resolved_at` integer,
	`repository_id` text,
	`team_id` text,
	`deployment_id` text,
	`cause_sha` text,
	`source` text,
	`url` text,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incidents_opened` ON `incidents` (`workspace_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `repository_files` (
	`workspace_id` integer NOT NULL,
	`repository_id` text NOT NULL,
	`observed_at` integer NOT NULL,
	`files` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `repository_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
