import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MaasSimulator, startMaasSimulator } from '../../src/local/maas/simulator';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { threadShown } from '../integration/approvals.support';
import { type Bot, RECOGNISABLE, startBot, startWorld, type World } from './support/process';
import { send, signedPost } from './support/signed';
import { requestThroughWizard } from './support/wizard';

/** A MAAS key whose three parts are each recognisable: the token secret is the part that must never show. */
const MAAS_KEY = 'MAASconsumerKEYdoNotPrint:MAAStokenKEYdoNotPrint:MAAStokenSECRETdoNotPrint9f3e';
const SECRETS = [...Object.values(RECOGNISABLE), MAAS_KEY, ...MAAS_KEY.split(':').slice(2)];

let maas: MaasSimulator;
let world: World;
let bot: Bot | undefined;

beforeAll(async () => {
  maas = await startMaasSimulator({ apiKey: MAAS_KEY });
  world = await startWorld({
    speed: 50,
    // DEBUG: every log line the bot and Bolt can write is written.
    env: { MAAS_API_URL: maas.apiUrl, MAAS_API_KEY: MAAS_KEY, POWERTOOLS_LOG_LEVEL: 'DEBUG' },
  });
  bot = await startBot(world);
});
afterAll(async () => {
  await bot?.process.stop();
  await world.close();
  await maas.close();
});

/** Where each secret appears in `text`, if anywhere. */
const leaks = (where: string, text: string) =>
  SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${where} shows ${secret}`);

describe('the bot’s secrets (Slack token and signing secret, Palette key, MAAS key)', () => {
  it('never appear in its logs or in anything it says in Slack, through normal work and failures', async () => {
    const { slack, palette } = world;
    const { card, thread } = await requestThroughWizard(world.driverStack, 'secret-keeper');
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    await slack.waitFor(() =>
      threadShown(world.driverStack, thread).find((text) => text.startsWith(':tada:')),
    );
    for (const text of ['status secret-keeper', 'list', 'gateway', 'scale secret-keeper worker-pool 3'])
      expect((await slack.command(slack.users.requester, '/maas', text)).status).toBe(200);
    expect((await slack.command(slack.users.admin, '/maas', 'gateway pairing-code')).status).toBe(200);

    // Failures that carry secrets to the bot: Palette and MAAS echoing the key, Slack refusing the token,
    // requests signed with something close to the secret.
    palette.injectOnce('GET', '/v1/spectroclusters/*', {
      status: 403,
      body: {
        code: 'Forbidden',
        message: `ApiKey ${RECOGNISABLE.paletteKey} is not allowed here`,
        ref: RECOGNISABLE.paletteKey,
      },
    });
    const refused = await slack.command(slack.users.requester, '/maas', 'status secret-keeper');
    expect(refused.status).toBe(200);
    // Palette's words reached the person (so its echo of the key was there to leak).
    expect(JSON.stringify(refused.body)).toContain('is not allowed here');
    maas.failNext(401, 2);
    await requestThroughWizard(world.driverStack, 'secret-keeper-2');
    slack.failNext('chat.postMessage', { error: 'invalid_auth' });
    slack.failNext('chat.update', { error: 'token_revoked' });
    await slack.command(slack.users.requester, '/maas', 'scale secret-keeper worker-pool 2');
    const forged = signedPost(`${RECOGNISABLE.signingSecret}x`, 'command=/maas&text=help');
    expect((await send(bot!.baseUrl, forged)).status).toBe(401);
    await bot!.process.stop();

    const output = bot!.output();
    // The logs did record the work and the failures (so they were there to leak).
    expect(output).toContain('"level":"DEBUG"');
    expect(output).toContain('bad signature');
    expect(output).toMatch(/invalid_auth|token_revoked/);
    expect([
      ...leaks('the logs', output),
      ...leaks('the Slack workspace', JSON.stringify(slack.workspace)),
    ]).toEqual([]);
  }, 120_000);
});
