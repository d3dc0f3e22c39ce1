import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium (never a downloaded browser), headless, with the flags this machine needs:
 * no background networking (its connections are refused here) and a fresh profile per run.
 * A phone-sized viewport, since the preview stands in for a phone.
 */
export async function openPhoneBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'douyin-kit-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        // Shared memory under /dev/shm may be small on CI machines (64 MB in containers): a
        // renderer that runs out of it dies quietly and every later step just times out.
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Chromium did not start from ${CHROMIUM} (install it: apt-get install -y chromium fonts-noto-cjk): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects what a page reports (console errors, uncaught errors, crashes, failed or refused requests). */
export function recordPageEvents(page: Page): string[] {
  const events: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    events.push(`console.${message.type()}: ${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => events.push(`pageerror: ${error.message}`));
  page.on('crash', () => events.push('the page crashed'));
  page.on('requestfailed', (request) => events.push(`requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) events.push(`response ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return events;
}
