CREATE TABLE "metric_reports" (
	"workspace_id" integer NOT NULL,
	"scope" text NOT NULL,
	"window_from" text NOT NULL,
	"window_to" text NOT NULL,
	"data_version" integer NOT NULL,
	"revision" text NOT NULL,
	"report" text NOT NULL,
	CONSTRAINT "metric_reports_workspace_id_scope_window_from_window_to_pk" PRIMARY KEY("workspace_id","scope","window_from","window_to")
);
--> statement-breakpoint
ALTER TABLE "metric_reports" ADD CONSTRAINT "metric_reports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;