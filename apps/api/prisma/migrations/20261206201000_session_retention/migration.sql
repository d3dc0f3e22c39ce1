-- The retention purge finds sessions revoked before its grace period (expired ones by expires_at).
CREATE INDEX "sessions_revoked_at_idx" ON "sessions"("revoked_at");
