CREATE TABLE `sync_cursors` (
	`workspace_id` integer NOT NULL,
	`source` text NOT NULL,
	`scope` text NOT NULL,
	`stream` text NOT NULL,
	`cursor` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `source`, `scope`, `stream`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`source` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`summary` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_runs_workspace` ON `sync_runs` (`workspace_id`,`source`,`started_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`workspace_id` integer NOT NULL,
	`source` text NOT NULL,
	`delivery_id` text NOT NULL,
	`event` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `source`, `delivery_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `assessment_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`team_id` text,
	`assessed_at` integer NOT NULL,
	`rubric_version` text NOT NULL,
	`level` integer NOT NULL,
	`provisional` integer NOT NULL,
	`verdict` text NOT NULL,
	`detail` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assessment_snapshots_scope` ON `assessment_snapshots` (`workspace_id`,`team_id`,`assessed_at`);--> statement-breakpoint
CREATE TABLE `questionnaire_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`team_id` text,
	`answered_at` integer NOT NULL,
	`author` text NOT NULL,
	`answers` text NOT NULL,
	`rubric_version` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `questionnaire_answers_scope` ON `questionnaire_answers` (`workspace_id`,`team_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `digest_sends` (
	`workspace_id` integer NOT NULL,
	`week` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`sent_at` integer,
	`last_error` text,
	PRIMARY KEY(`workspace_id`, `week`, `channel`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
