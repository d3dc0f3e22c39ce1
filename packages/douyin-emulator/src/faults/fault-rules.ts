import { newFaultId } from '../identifiers.js';
import { seededRandom, type RandomSource } from '../random.js';
import type { FaultRule, FaultRuleInput, Operation } from './fault-rule-types.js';

export { OPERATIONS, type FaultRule, type FaultRuleInput, type Operation } from './fault-rule-types.js';

export interface FaultOutcome {
  latencyMs: number;
  drop: boolean;
  errNo: number | null;
  /** With `errNo`: the envelope's HTTP status; alone: a raw (gateway) answer. */
  http: { status: number; body: string | null; contentType: string | null } | null;
}

/**
 * Fault injection (LocalStack's chaos API in miniature). Rules are checked in creation order;
 * every firing rule adds its latency, and the first firing rule with `drop`, `errNo` or `httpStatus` decides
 * how the call ends. A call no terminal rule hits proceeds normally.
 */
export class FaultRegistry {
  private rules: FaultRule[] = [];
  private rulesRandom = new Map<string, RandomSource>();

  constructor(private readonly random: RandomSource) {}

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = {
      id: newFaultId(),
      operation: input.operation,
      errNo: input.errNo ?? null,
      probability: input.probability ?? 1,
      latencyMs: input.latencyMs ?? 0,
      drop: input.drop ?? false,
      httpStatus: input.httpStatus ?? null,
      body: input.body ?? null,
      contentType: input.contentType ?? null,
      remaining: input.times ?? null,
      fired: 0,
      seed: input.seed ?? null,
      match: input.match ?? null,
    };
    if (input.seed !== undefined) this.rulesRandom.set(rule.id, seededRandom(input.seed));
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    this.rulesRandom.delete(id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.rulesRandom.clear();
  }

  /** `fields`: the call's top-level body and query values, for rules with `match`. */
  roll(operation: Operation, fields: Record<string, unknown> = {}): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0, drop: false, errNo: null, http: null };
    let decided = false;
    for (const rule of [...this.rules]) {
      if (rule.operation !== operation) continue;
      if (rule.match && !Object.entries(rule.match).every(([key, value]) => fields[key] === value)) continue;
      const random = this.rulesRandom.get(rule.id) ?? this.random;
      if (random() >= rule.probability) continue;
      rule.fired += 1;
      if (rule.remaining !== null && --rule.remaining <= 0) this.remove(rule.id);
      outcome.latencyMs += rule.latencyMs;
      if (!decided && (rule.drop || rule.errNo !== null || rule.httpStatus !== null)) {
        decided = true;
        outcome.drop = rule.drop;
        outcome.errNo = rule.drop ? null : rule.errNo;
        outcome.http = rule.drop || rule.httpStatus === null ? null : { status: rule.httpStatus, body: rule.body, contentType: rule.contentType };
      }
    }
    return outcome;
  }
}
