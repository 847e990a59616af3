import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ParametersExtension, startParametersExtension } from '../../test/support/parameters-extension';
import { ParameterReadError, readParameterSecrets } from './secrets';

const PATH = '/maas-chatops/prod';
const TOKEN = 'session-token-of-this-invocation';
let extension: ParametersExtension;

beforeAll(async () => {
  extension = await startParametersExtension({
    token: TOKEN,
    parameters: {
      [`${PATH}/SLACK_BOT_TOKEN`]: 'xoxb-from-ssm',
      [`${PATH}/SLACK_SIGNING_SECRET`]: 'signing-from-ssm',
      [`${PATH}/PALETTE_API_KEY`]: 'palette-from-ssm',
      [`${PATH}/SLACK_APP_TOKEN`]: 'xapp-never-read-on-lambda',
      '/maas-chatops/other/MAAS_API_KEY': 'another-stage',
    },
  });
});
afterAll(() => extension.close());

/** The environment Lambda gives a function with the extension layer. */
const lambdaEnv = (extra: Record<string, string> = {}) => ({
  SECRETS_PARAMETER_PATH: PATH,
  AWS_SESSION_TOKEN: TOKEN,
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
  ...extra,
});

describe('readParameterSecrets', () => {
  it('reads each secret of the path, decrypted, with the session token, all at once', async () => {
    extension.reads.length = 0;
    expect(await readParameterSecrets(lambdaEnv())).toEqual({
      SLACK_BOT_TOKEN: 'xoxb-from-ssm',
      SLACK_SIGNING_SECRET: 'signing-from-ssm',
      PALETTE_API_KEY: 'palette-from-ssm',
    });
    // MAAS's key is read only when MAAS is configured; Socket Mode's app token never on Lambda.
    expect(extension.reads.map((read) => read.name).sort()).toEqual([
      `${PATH}/PALETTE_API_KEY`,
      `${PATH}/SLACK_BOT_TOKEN`,
      `${PATH}/SLACK_SIGNING_SECRET`,
    ]);
    expect(extension.reads.every((read) => read.withDecryption && read.token === TOKEN)).toBe(true);
  });

  it('reads the MAAS key when MAAS is configured, and leaves out a parameter that does not exist', async () => {
    extension.reads.length = 0;
    const secrets = await readParameterSecrets(lambdaEnv({ MAAS_API_URL: 'http://maas.example:5240/MAAS' }));
    expect(extension.reads.map((read) => read.name)).toContain(`${PATH}/MAAS_API_KEY`);
    expect(secrets).not.toHaveProperty('MAAS_API_KEY');
    expect(Object.keys(secrets).sort()).toEqual([
      'PALETTE_API_KEY',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
  });

  it('reads nothing without a path (secrets already in the environment)', async () => {
    extension.reads.length = 0;
    expect(await readParameterSecrets({ AWS_SESSION_TOKEN: TOKEN })).toEqual({});
    expect(extension.reads).toEqual([]);
  });

  it('fails naming the parameter and the answer, never a value, when the extension refuses', async () => {
    const refused = await readParameterSecrets(lambdaEnv({ AWS_SESSION_TOKEN: 'stale-token' })).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ParameterReadError);
    expect(String(refused)).toMatch(/Could not read \/maas-chatops\/prod\/\w+ .*HTTP 401: Unauthorized/);
    expect(String(refused)).not.toMatch(/from-ssm/);

    await expect(readParameterSecrets({ SECRETS_PARAMETER_PATH: PATH })).rejects.toThrow(
      'AWS_SESSION_TOKEN is unset',
    );
  });
});
