import { readFile } from 'node:fs/promises';

/** One answer of a test app, as a line of the run's response capture file (JSON lines). */
export interface CapturedResponse {
  route: string | null;
  status: number;
  headers: Record<string, unknown>;
  /** The body as sent; `null` for none, a marker for streamed files (the docs' static assets). */
  body: string | null;
}

/**
 * The captured answers as one text to scan (bodies and header values, unescaped), and the
 * session tokens the API handed out, which the logs must never show.
 */
export async function readCapturedResponses(file: string): Promise<{ text: string; sessionTokens: string[] }> {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const parts: string[] = [];
  const sessionTokens: string[] = [];
  for (const line of lines) {
    const record = JSON.parse(line) as CapturedResponse;
    parts.push(...Object.values(record.headers).flat().map(String), record.body ?? '');
    if (record.route === '/auth/login' && record.status === 200 && record.body) {
      const token = (JSON.parse(record.body) as { token?: unknown }).token;
      if (typeof token === 'string') sessionTokens.push(token);
    }
  }
  return { text: parts.join('\n'), sessionTokens };
}
