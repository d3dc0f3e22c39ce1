/**
 * PostgreSQL cannot store every JavaScript string: `text` refuses U+0000, and `jsonb` also
 * refuses an unpaired surrogate (`"\ud800"`), each with a database error that surfaced as a
 * 500. Contract-validated input is checked for both, keys included, so such a request is a 400
 * naming the field instead, on every route, present and future.
 *
 * Returns the path of the first offending string (`['data', 'label']`), or null. Iterative, so
 * nesting depth costs no stack (zod bounds it anyway).
 */
export function findUnstorableText(value: unknown): string[] | null {
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (!isStorable(node)) return path;
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        // The parent's path: the key itself is what cannot be echoed back or stored.
        if (!isStorable(key)) return path;
        stack.push([child, [...path, key]]);
      }
    }
  }
  return null;
}

/** A high surrogate without its low half, or a low one without its high half. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isStorable(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}
