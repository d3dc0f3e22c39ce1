/** A source of uniform numbers in [0, 1). Only fault rolls use it, so seeding it makes fault rates reproducible. */
export type RandomSource = () => number;

/** mulberry32: tiny, fast and good enough to spread fault rolls evenly; not for secrets. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
