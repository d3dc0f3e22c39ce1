import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Binding {
  /** The element's template handles this event (`bind<type>="eh"` or `catch<type>="eh"`). */
  handles: boolean;
  /** `catch<type>`: the host stops the event here. */
  catches: boolean;
}

/**
 * Which events each compiled template binds, read from dist/base.ttml. Taro picks a node's
 * template by its `nn` (e.g. a View with onClick gets one that has `bindtap="eh"`, a plain View
 * one without), and the host bubbles an event through exactly the ancestors whose template
 * binds it. Reading the real templates keeps this harness honest about that.
 */
export function readTemplateBindings(distDir: string): (nn: string | undefined, type: string) => Binding {
  const ttml = readFileSync(join(distDir, 'base.ttml'), 'utf8');
  const templates = new Map<string, string>();
  for (const match of ttml.matchAll(/<template name="tmpl_0_(\w+)">([\s\S]*?)<\/template>/g)) {
    // Only the template's own root tag: nested templates are included, not bound, here.
    templates.set(match[1]!, match[2]!.split('>')[0]!);
  }
  return (nn, type) => {
    const tag = nn === undefined ? undefined : templates.get(nn);
    if (!tag) return { handles: false, catches: false };
    const catches = tag.includes(`catch${type}="eh"`);
    return { handles: catches || tag.includes(`bind${type}="eh"`), catches };
  };
}
