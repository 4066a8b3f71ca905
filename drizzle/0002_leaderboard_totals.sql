CREATE TABLE "score_periods" (
	"group_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "score_periods_group_id_starts_at_ends_at_pk" PRIMARY KEY("group_id","starts_at","ends_at")
);
--> statement-breakpoint
CREATE TABLE "score_totals" (
	"group_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"member_id" integer NOT NULL,
	"points" integer NOT NULL,
	"reached_at" timestamp with time zone NOT NULL,
	CONSTRAINT "score_totals_group_id_starts_at_ends_at_member_id_pk" PRIMARY KEY("group_id","starts_at","ends_at","member_id")
);
--> statement-breakpoint
ALTER TABLE "score_periods" ADD CONSTRAINT "score_periods_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_totals" ADD CONSTRAINT "score_totals_group_id_study_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."study_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_totals" ADD CONSTRAINT "score_totals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "score_totals_ranking" ON "score_totals" USING btree ("group_id","starts_at","ends_at","points" DESC NULLS LAST,"reached_at","member_id");