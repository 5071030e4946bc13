CREATE TABLE "sync_leases" (
	"workspace_id" integer NOT NULL,
	"source" text NOT NULL,
	"holder" text,
	"claimed_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"slot" bigint,
	CONSTRAINT "sync_leases_workspace_id_source_pk" PRIMARY KEY("workspace_id","source")
);
--> statement-breakpoint
ALTER TABLE "sync_leases" ADD CONSTRAINT "sync_leases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;