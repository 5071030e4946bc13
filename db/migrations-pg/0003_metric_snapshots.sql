CREATE TABLE "metric_snapshots" (
	"workspace_id" integer NOT NULL,
	"data_version" integer NOT NULL,
	"shape" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "metric_snapshots_workspace_id_pk" PRIMARY KEY("workspace_id")
);
--> statement-breakpoint
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;