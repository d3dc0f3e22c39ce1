import { createServer } from 'node:net';
import { HELP, runNotify } from './notify-cli.js';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runNotify(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('notify CLI', () => {
  it('prints its usage with --help and exits 0', async () => {
    const { code, out, err } = await run(['--help']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([HELP]);
    expect(HELP).toMatch(/--user .*--template/);
    expect(HELP).toContain('u_alice');
    expect(HELP).toContain('API_URL');
  });

  it.each([
    [['--template', 'T'], '--user and --template are required.'],
    [['--user', 'u_alice', '--template', 'T', '--data', 'novalue'], '--data novalue: expected key=value.'],
    [['--user', 'u_alice', '--tempalte', 'T'], "Unknown option '--tempalte'"],
  ])('refuses bad usage %j in one line with exit 2', async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
    expect(err[0]).toContain('Run with --help for usage.');
  });

  it('says in one sentence that the API is down, without a stack trace, and exits 1', async () => {
    const port = await closedPort();
    const { code, out, err } = await run(['--user', '0b6a4c2e-4a8f-4f7e-9d63-2f0e6b1c9a11', '--template', 'T'], {
      API_URL: `http://127.0.0.1:${port}`,
    });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `notify: cannot reach the API at http://127.0.0.1:${port} (ECONNREFUSED): is \`pnpm dev\` running? Set API_URL for another address.`,
    ]);
  });
});
