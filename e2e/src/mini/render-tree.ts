/**
 * The data tree Taro's runtime keeps in a page's `data.root` (what the host renders): elements
 * carry a `sid` (their id for events) and children in `cn`; text nodes carry their text in `v`.
 */
export interface RenderNode {
  /** Taro's template number for the element (see templates.ts). */
  nn?: string;
  sid?: string;
  /** The id the app gave the element (`<Button id=…>`), which the host sees as its id. */
  uid?: string;
  v?: string;
  cn?: RenderNode[];
  cl?: string;
}

export function textOf(node: RenderNode | undefined): string {
  if (!node) return '';
  return (node.v ?? '') + (node.cn ?? []).map(textOf).join('');
}

/**
 * The path from the root to the element a finger on `text` touches: the innermost element whose
 * whole text is `text`, or failing that the innermost one containing it (so "上报本机信息" finds
 * the button, not the title "尚未上报本机信息" that merely contains it).
 */
export function pathToText(root: RenderNode, text: string): RenderNode[] | undefined {
  return innermost(root, (node) => textOf(node).trim() === text) ?? innermost(root, (node) => textOf(node).includes(text));
}

function innermost(node: RenderNode, matches: (node: RenderNode) => boolean): RenderNode[] | undefined {
  if (node.cn === undefined) return undefined;
  for (const child of node.cn) {
    const inner = innermost(child, matches);
    if (inner) return [node, ...inner];
  }
  return matches(node) && node.sid ? [node] : undefined;
}

/** Every element whose class list has `className`, in document order. */
export function elementsWithClass(node: RenderNode, className: string): RenderNode[] {
  const own = node.cl?.split(/\s+/).includes(className) ? [node] : [];
  return [...own, ...(node.cn ?? []).flatMap((child) => elementsWithClass(child, className))];
}
