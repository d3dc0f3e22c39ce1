import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const MINIAPP_DIR = resolve(REPO_ROOT, 'apps/miniapp');
/** Where test runs leave what a person may want to look at (screenshots). Not committed. */
export const OUTPUT_DIR = resolve(REPO_ROOT, 'e2e/output');
