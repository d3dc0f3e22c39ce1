import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { TtLike } from '@douyin-kit/douyin-emulator/tt';
import { pathToText, textOf, type RenderNode } from './render-tree.js';
import { readTemplateBindings, type Binding } from './templates.js';

type PageConfig = Record<string, unknown> & {
  onLoad(query: Record<string, string>): void;
  onShow?(): void;
  onReady?(): void;
  onUnload?(): void;
  eh(event: unknown): void;
};

/**
 * Runs the compiled tt bundle (apps/miniapp/dist) in Node, the way the Douyin client does: the
 * host globals (`tt`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages`) are installed,
 * `app.js` and each page's js are required, and a page instance gets a `setData` that applies
 * Taro's path updates to a plain data tree. `tt` is the emulator's object, so tt.login reaches
 * the emulator and tt.request the real API; the UI-only APIs it lacks (navigation, modals) are
 * added here and recorded.
 */
export class MiniProgram {
  readonly navigations: string[] = [];
  readonly modals: { title?: string; content?: string }[] = [];
  private readonly pages = new Map<string, PageConfig>();
  private readonly stack: MiniPage[] = [];
  private readonly load: NodeJS.Require;
  private readonly bindings: (nn: string | undefined, type: string) => Binding;
  private app: Record<string, (...args: unknown[]) => unknown> | undefined;
  private captured: PageConfig | undefined;

  constructor(
    private readonly distDir: string,
    readonly tt: TtLike,
  ) {
    this.load = createRequire(join(distDir, 'app.js'));
    this.bindings = readTemplateBindings(distDir);
  }

  /** Loads app.js and runs onLaunch (the app logs in silently there). */
  launch(route = 'pages/index/index'): void {
    const host = this.tt as unknown as Record<string, unknown>;
    host.navigateTo = (options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      this.navigations.push(options.url);
      const result = { errMsg: 'navigateTo:ok' };
      options.success?.(result);
      options.complete?.(result);
    };
    // The address page asks before deleting: the user taps the confirm button.
    host.showModal = (options: { title?: string; content?: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      this.modals.push({ title: options.title, content: options.content });
      const result = { errMsg: 'showModal:ok', confirm: true, cancel: false };
      options.success?.(result);
      options.complete?.(result);
    };
    Object.assign(globalThis, {
      tt: this.tt,
      App: (config: Record<string, (...args: unknown[]) => unknown>) => (this.app = config),
      Page: (config: PageConfig) => (this.captured = config),
      Component: (config: PageConfig) => (this.captured = config),
      getApp: () => this.app,
      getCurrentPages: () => this.stack.map((page) => page.instance),
    });
    this.load('./app.js');
    if (!this.app) throw new Error('app.js did not call App()');
    this.app.onLaunch?.call(this.app, { path: route, query: {}, scene: 1001 });
    this.app.onShow?.call(this.app, { path: route, query: {}, scene: 1001 });
  }

  /** Opens a page like a navigation to it: onLoad, onShow, onReady. */
  open(route: string, query: Record<string, string> = {}): MiniPage {
    let config = this.pages.get(route);
    if (!config) {
      this.captured = undefined;
      this.load(`./${route}.js`);
      if (!this.captured) throw new Error(`${route}.js did not call Page()`);
      config = this.captured;
      this.pages.set(route, config);
    }
    const page = new MiniPage(
      route,
      config,
      this.bindings,
      () => this.tt.emulator.toasts.slice(-3).map((t) => t.title),
      (type, element) => {
        // The base library records which agree button fired, and checks it when the app resolves.
        if (type === 'agreeprivacyauthorization') this.tt.emulator.tapPrivacyAgreeButton(element.uid ?? element.sid ?? '');
      },
    );
    this.stack.push(page);
    page.instance.onLoad(query);
    page.instance.onShow?.();
    page.instance.onReady?.();
    return page;
  }

  /** Like navigateBack: the top page unloads. */
  back(): void {
    const page = this.stack.pop();
    page?.instance.onUnload?.();
    this.stack.at(-1)?.instance.onShow?.();
  }
}

export class MiniPage {
  readonly instance: PageConfig & { data: { root?: RenderNode }; route: string; setData(patch: Record<string, unknown>, done?: () => void): void };

  constructor(
    readonly route: string,
    config: PageConfig,
    private readonly bindings: (nn: string | undefined, type: string) => Binding,
    /** The last toasts, for failure messages. */
    private readonly recentToasts: () => string[] = () => [],
    /** What the host itself does with an event on an element before the page sees it. */
    private readonly hostSees: (type: string, element: RenderNode) => void = () => undefined,
  ) {
    const instance = Object.assign(Object.create(null), config, {
      data: structuredClone((config.data as object | undefined) ?? {}),
      route,
      setData(patch: Record<string, unknown>, done?: () => void) {
        for (const [path, value] of Object.entries(patch)) setPath(this.data as Record<string, unknown>, path, value);
        done?.();
      },
    });
    this.instance = instance;
  }

  /** All the text the page shows, in order. */
  text(): string {
    return textOf(this.instance.data.root);
  }

  async waitForText(text: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text().includes(text)) {
      if (Date.now() > deadline) {
        const toasts = this.recentToasts().join(' | ') || 'none';
        throw new Error(`${this.route} never showed "${text}"; it shows: ${this.text()} (last toasts: ${toasts})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** A tap on the element showing `text`. */
  tap(text: string): void {
    this.trigger('tap', text, {});
  }

  /**
   * Any component event, e.g. `getphonenumber` with the detail the host would hand over. Like
   * the host, calls the page's `eh` once per element from the touched one outwards whose
   * template binds the event, until a `catch` binding; Taro's stopPropagation acts inside `eh`.
   */
  trigger(type: string, text: string, detail: unknown): void {
    const path = this.instance.data.root && pathToText(this.instance.data.root, text);
    if (!path) throw new Error(`${this.route} has no element showing "${text}"; it shows: ${this.text()}`);
    const ref = (node: RenderNode) => ({ id: node.sid, dataset: { sid: node.sid } });
    const target = ref(path.at(-1)!);
    this.hostSees(type, path.at(-1)!);
    let delivered = false;
    for (const node of path.slice(1).reverse()) {
      const binding = this.bindings(node.nn, type);
      if (!binding.handles) continue;
      delivered = true;
      this.instance.eh({ type, timeStamp: Date.now(), detail, target, currentTarget: ref(node) });
      if (binding.catches) break;
    }
    if (!delivered) throw new Error(`nothing on ${this.route} handles ${type} on "${text}"`);
  }
}

/** Applies one of Taro's setData paths (`root.cn.[0].cn.[2].v`, `root.cn[1]`) to `data`. */
function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let cursor = data;
  for (const [index, key] of keys.slice(0, -1).entries()) {
    const next = cursor[key];
    if (next === undefined || next === null) cursor[key] = /^\d+$/.test(keys[index + 1]!) ? [] : {};
    cursor = cursor[key] as Record<string, unknown>;
  }
  cursor[keys.at(-1)!] = value;
}
