/**
 * A fresh id for one tt.requestSubscribeMessage call (`[A-Za-z0-9_-]{8,64}`, the contract's
 * rule): sent with the post and again with any retry of it, so the server grants nothing twice.
 * Math.random, not crypto: the tt runtime has no crypto.randomUUID; uniqueness per user is enough.
 */
export function newRequestId(): string {
  let random = ''
  while (random.length < 20) random += Math.random().toString(36).slice(2)
  return `${Date.now().toString(36)}-${random.slice(0, 20)}`
}
