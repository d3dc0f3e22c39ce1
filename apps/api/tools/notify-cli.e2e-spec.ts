import { startApp, type RunningApp } from '../test/create-app.js';
import { signUp } from '../test/api-user.js';
import { emulator } from '../test/emulator.js';
import { registerTemplate, subscribe } from '../test/notify-fixtures.js';
import { runNotify } from './notify-cli.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runNotify(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('notify CLI against a running API', () => {
  const env = () => ({ API_URL: running.baseUrl, DOUYIN_EMULATOR_PORT: new URL(emulator.url).port, NODE_ENV: 'development' });

  it("takes the emulator's user id in development, and prints a status command that works", async () => {
    const user = await signUp(running);
    const template = await registerTemplate('one_time', 'v2');
    await subscribe(user, template);

    const { code, out, err } = await run(
      ['--user', user.douyinUserId, '--template', template.templateId, '--data', '物品名称=耳机', '--data', '状态=已发货'],
      env(),
    );
    expect([code, err]).toEqual([0, []]);
    expect(out[0]).toMatch(new RegExp(`^${user.douyinUserId} is the emulator's user .*: sending to openid \\S+\\.$`));

    // The printed command, run as a shell would: its header and URL.
    const status = out.find((line) => line.startsWith('Status: curl'));
    const [, header, url] = /-H '([^']+)' (\S+)$/.exec(status ?? '') ?? [];
    const [name, value] = header!.split(': ');
    const response = await fetch(url!, { headers: { [name!]: value! } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ userId: user.userId, templateId: template.templateId });
  });

  it('sends an unknown name as an openid, and says in one line what the API refused', async () => {
    const { code, out, err } = await run(['--user', 'u_nobody_here', '--template', 'MSG_NONE'], env());
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^notify: the API refused the message: 4\d\d [A-Z_]+: .+ \(request [0-9a-f-]+\)\.$/);
  });

  it('says when the admin key is wrong', async () => {
    const { code, err } = await run(['--user', 'u_nobody_here', '--template', 'MSG_NONE'], { ...env(), ADMIN_API_KEY: 'x'.repeat(40) });
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^notify: the API refused the message: 403 FORBIDDEN: The admin key is wrong /);
  });
});
