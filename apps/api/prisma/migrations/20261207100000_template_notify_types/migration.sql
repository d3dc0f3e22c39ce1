-- v2's notify_type per template (1 real-time alert, 2 in-app inbox); v1 has no such field.
ALTER TABLE "subscription_templates" ADD COLUMN "notify_types" SMALLINT[] DEFAULT '{}';

-- Existing v2 templates get the registry's default, the in-app inbox; the next boot's seed
-- writes whatever SUBSCRIPTION_TEMPLATES says.
UPDATE "subscription_templates" SET "notify_types" = '{2}' WHERE "api" = 'v2';
