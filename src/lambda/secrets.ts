import { get } from 'node:http';
// Types only: this module loads before the configuration (and zod) so that its requests are already out.
import type { SECRET_VARIABLES } from '../config';

/**
 * The secrets a Lambda function reads, each a SecureString named after its variable under `SECRETS_PARAMETER_PATH`
 * (infra/iam.yml grants `ssm:GetParameter` on exactly these). Socket Mode's app token is for `npm start` only.
 */
export const PARAMETER_SECRETS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'PALETTE_API_KEY',
  'MAAS_API_KEY',
] as const satisfies readonly (typeof SECRET_VARIABLES)[number][];

/** How long one read may take: the extension answers from its cache, or after one call to SSM. */
const READ_TIMEOUT_MS = 3_000;

/** The variables whose parameters to read: MAAS's key only when MAAS is configured (an absent one is an error). */
function wanted(env: Record<string, string | undefined>): string[] {
  return PARAMETER_SECRETS.filter((name) => name !== 'MAAS_API_KEY' || env.MAAS_API_URL?.trim());
}

/** A failed read, naming the parameter and the extension's answer (SSM's error; never a parameter's value). */
export class ParameterReadError extends Error {
  constructor(parameter: string, problem: string) {
    super(`Could not read ${parameter} through the Parameters and Secrets extension: ${problem}`);
    this.name = 'ParameterReadError';
  }
}

/** The value in the extension's answer; undefined when the parameter does not exist. */
function parameterValue(status: number | undefined, body: string): string | undefined {
  if (status === 200) {
    const value = (JSON.parse(body) as { Parameter?: { Value?: unknown } }).Parameter?.Value;
    if (typeof value !== 'string') throw new Error('the answer holds no Parameter.Value');
    return value.trim() ? value : undefined;
  }
  // The extension passes SSM's error on: a parameter nobody created is ParameterNotFound.
  if (status === 404 || body.includes('ParameterNotFound')) return undefined;
  throw new Error(`HTTP ${status}: ${body.slice(0, 300)}`);
}

/** One decrypted parameter from the extension (`GET /systemsmanager/parameters/get`); undefined if it does not exist. */
function readParameter(name: string, port: string, token: string): Promise<string | undefined> {
  const path = `/systemsmanager/parameters/get?name=${encodeURIComponent(name)}&withDecryption=true`;
  return new Promise((resolve, reject) => {
    const request = get(
      {
        host: 'localhost',
        port,
        path,
        headers: { 'X-Aws-Parameters-Secrets-Token': token },
        signal: AbortSignal.timeout(READ_TIMEOUT_MS),
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('error', (error) => reject(new ParameterReadError(name, error.message)));
        response.on('end', () => {
          try {
            resolve(parameterValue(response.statusCode, body));
          } catch (error) {
            reject(new ParameterReadError(name, error instanceof Error ? error.message : String(error)));
          }
        });
      },
    );
    request.on('error', (error) => reject(new ParameterReadError(name, error.message)));
  });
}

/**
 * Reads the secrets from SSM Parameter Store through the AWS Parameters and Secrets Lambda Extension (a layer of
 * both functions): plain HTTP to `localhost:2773`, all at once, no AWS SDK on the cold start's path. Returns them
 * as variables of the same names; none when `SECRETS_PARAMETER_PATH` is unset (secrets in the environment, as in
 * tests and `npm start`). The extension answers only once the function is invoked, not during its init.
 */
export async function readParameterSecrets(
  env: Record<string, string | undefined>,
): Promise<Record<string, string>> {
  const path = env.SECRETS_PARAMETER_PATH?.trim();
  if (!path) return {};
  // Lambda's session token is the extension's proof that the caller runs inside the function.
  const token = env.AWS_SESSION_TOKEN;
  if (!token) throw new ParameterReadError(path, 'AWS_SESSION_TOKEN is unset (only Lambda sets it).');
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT?.trim() || '2773';
  const names = wanted(env);
  const values = await Promise.all(names.map((name) => readParameter(`${path}/${name}`, port, token)));
  return Object.fromEntries(
    names.flatMap((name, index) => (values[index] === undefined ? [] : [[name, values[index]]])),
  );
}
