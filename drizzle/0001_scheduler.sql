CREATE TABLE "group_schedules" (
	"group_id" integer NOT NULL,
	"kind" text NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	CONSTRAINT "group_schedules_group_id_kind_pk" PRIMARY KEY("group_id","kind")
);
--> statement-breakpoint
ALTER TABLE "scheduled_deliveries" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheduled_deliveries" ADD COLUMN "failure" text;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "study_groups" ADD COLUMN "setup_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "group_schedules" ADD CONSTRAINT "group_schedules_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_schedules_due" ON "group_schedules" USING btree ("next_run_at","group_id","kind");