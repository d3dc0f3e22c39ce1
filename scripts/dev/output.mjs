// What `pnpm dev` shows of its parts' output. Taro and the API print hundreds of routine lines
// while starting (progress bars redrawn as text in a pipe, webpack stats, HMR and empty-glob
// warnings, every route mapped); the runner shows milestones instead and lets errors through.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

/** A line as a person reads it: colours and cursor moves removed. */
export function plain(line) {
  return line.replace(ANSI, '').replace(/\r/g, '').trimEnd();
}

/** Calls `onLine` with each complete line of a stream. */
export function eachLine(stream, onLine) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => pending && onLine(pending));
}

const TARO_ERROR_START = /✖|❌|编译失败|Failed to compile|Compiled with (some )?errors|compiled with \d+ errors?|^ERROR\b|Error:/i;
const TARO_ERROR_END = /Compiled successfully|编译成功|Watching\.\.\./;

/**
 * A Taro watch build (tt or H5): `onCompiled(seconds)` after each successful compilation; its
 * errors (a failed compilation, from its first line to the next success) are shown, the rest
 * only with `verbose`.
 */
export function taroFilter({ verbose, print, onCompiled }) {
  let inError = false;
  return (raw) => {
    const line = plain(raw);
    if (verbose) print(line);
    const compiled = /Compiled successfully in ([\d.]+)\s*(m?s)|编译成功/.exec(line);
    if (compiled) {
      inError = false;
      const seconds = compiled[1] ? Number(compiled[1]) / (compiled[2] === 'ms' ? 1000 : 1) : undefined;
      onCompiled(seconds);
      return;
    }
    if (!inError && TARO_ERROR_START.test(line)) inError = true;
    else if (inError && TARO_ERROR_END.test(line)) inError = false;
    if (inError && !verbose && line.trim() && !line.includes('█')) print(line);
  };
}

// pino-pretty's `[12:00:00.000] INFO:` or a JSON line's `{"level":"info"` (NODE_ENV other than development).
const ROUTINE_LOG = /^\[[\d:.]+\] (INFO|DEBUG|TRACE):|^\{"level":"(info|debug|trace)"/;

/**
 * The API's part (apps/api/scripts/dev.ts): until it is ready, its info logs (modules, routes,
 * workers) are held back; warnings, errors and its own `[api]` lines always show.
 */
export function apiFilter({ verbose, print, isReady }) {
  return (raw) => {
    const line = plain(raw);
    if (!line.trim()) return;
    if (verbose || isReady() || !ROUTINE_LOG.test(line)) print(line);
  };
}
