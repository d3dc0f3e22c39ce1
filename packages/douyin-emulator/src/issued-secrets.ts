export type SecretKind = 'sessionKeys' | 'loginCodes' | 'anonymousCodes' | 'phoneCodes' | 'appTokens' | 'clientTokens';

export const SECRET_KINDS: readonly SecretKind[] = ['sessionKeys', 'loginCodes', 'anonymousCodes', 'phoneCodes', 'appTokens', 'clientTokens'];

/**
 * Every credential the emulator handed out since it started, for tests that check a client
 * never logged or leaked one (GET /__emulator/issued-secrets). Kept outside the store on
 * purpose: reset clears the store, but a secret issued before a reset is still a secret.
 * Grows with use; an emulator lives for one test run or one dev session.
 */
export class IssuedSecrets {
  private readonly byKind = new Map<SecretKind, string[]>(SECRET_KINDS.map((kind) => [kind, []]));

  record(kind: SecretKind, value: string): void {
    this.byKind.get(kind)!.push(value);
  }

  list(): Record<SecretKind, string[]> {
    return Object.fromEntries(SECRET_KINDS.map((kind) => [kind, [...this.byKind.get(kind)!]])) as Record<SecretKind, string[]>;
  }
}
