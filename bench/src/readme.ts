import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineLine, summaryTable, type BenchResults } from './report.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const START = '<!-- bench:results -->';
const END = '<!-- /bench:results -->';

/**
 * Replaces what lies between the README's two bench markers with the new machine line and
 * table. Touches nothing else (other sections are edited by hand); false when the markers are gone.
 */
export function updateReadme(results: BenchResults): boolean {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  const body = `\n${machineLine(results)}:\n\n${summaryTable(results)}\n`;
  writeFileSync(README, text.slice(0, start + START.length) + body + text.slice(end));
  return true;
}
