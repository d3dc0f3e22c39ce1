import { newFaultId } from '../identifiers.js';
import { seededRandom, type RandomSource } from '../random.js';

/** Platform operations a fault rule (and the call counter) can name. */
export const OPERATIONS = [
  'token',
  'client_token',
  'jscode2session',
  'notify_v1',
  'notify_v2',
  'query_user_subscribe',
  'get_phonenumber_info',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface FaultRuleInput {
  operation: Operation;
  /** Answer with this error number in the operation's own envelope. */
  errNo?: number;
  /** Chance that the rule fires on a call, 0..1; default 1. */
  probability?: number;
  /** Delay (real milliseconds) before the call is answered or dropped. */
  latencyMs?: number;
  /** Destroy the socket without any response. */
  drop?: boolean;
  /** Fire at most this many times, then the rule removes itself. */
  times?: number;
  /** Private random seed for this rule, so its firing pattern is reproducible. */
  seed?: number;
  /**
   * Fire only for calls whose top-level body or query fields equal these (e.g. `{code}` or
   * `{open_id}`): tests running in parallel against one emulator then hit only their own calls.
   */
  match?: Record<string, string>;
}

export interface FaultRule extends Required<Pick<FaultRuleInput, 'operation' | 'probability'>> {
  id: string;
  errNo: number | null;
  latencyMs: number;
  drop: boolean;
  /** Firings left; null = unlimited. */
  remaining: number | null;
  fired: number;
  seed: number | null;
  match: Record<string, string> | null;
}

export interface FaultOutcome {
  latencyMs: number;
  drop: boolean;
  errNo: number | null;
}

/**
 * Fault injection (LocalStack's chaos API in miniature). Rules are checked in creation order;
 * every firing rule adds its latency, and the first firing rule with `drop` or `errNo` decides
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
    const outcome: FaultOutcome = { latencyMs: 0, drop: false, errNo: null };
    let decided = false;
    for (const rule of [...this.rules]) {
      if (rule.operation !== operation) continue;
      if (rule.match && !Object.entries(rule.match).every(([key, value]) => fields[key] === value)) continue;
      const random = this.rulesRandom.get(rule.id) ?? this.random;
      if (random() >= rule.probability) continue;
      rule.fired += 1;
      if (rule.remaining !== null && --rule.remaining <= 0) this.remove(rule.id);
      outcome.latencyMs += rule.latencyMs;
      if (!decided && (rule.drop || rule.errNo !== null)) {
        decided = true;
        outcome.drop = rule.drop;
        outcome.errNo = rule.drop ? null : rule.errNo;
      }
    }
    return outcome;
  }
}
