import { Hono } from 'hono';
import { type RunningServer, serveHttp } from '../../src/http/serve';

/** One read the stand-in answered. */
export interface ParameterRead {
  name: string;
  withDecryption: boolean;
  /** The X-Aws-Parameters-Secrets-Token header as sent. */
  token: string | undefined;
}

/** A local stand-in for the AWS Parameters and Secrets Lambda Extension (its Parameter Store side). */
export interface ParametersExtension {
  /** For PARAMETERS_SECRETS_EXTENSION_HTTP_PORT. */
  port: number;
  /** Reads answered, oldest first. */
  reads: ParameterRead[];
  close(): Promise<void>;
}

/**
 * Serves the extension's documented protocol on loopback (port 0): `GET /systemsmanager/parameters/get?name=…
 * &withDecryption=true` with the `X-Aws-Parameters-Secrets-Token` header (Lambda's AWS_SESSION_TOKEN), answered with
 * GetParameter's JSON; a SecureString without `withDecryption` comes back encrypted. As the extension does, a request
 * without the right token is refused (401) and SSM's error is passed on for a parameter that does not exist (400).
 */
export async function startParametersExtension(options: {
  token: string;
  /** SecureString parameters by full name (`/maas-chatops/prod/SLACK_BOT_TOKEN`). */
  parameters: Record<string, string>;
}): Promise<ParametersExtension> {
  const reads: ParameterRead[] = [];
  const app = new Hono();
  app.get('/systemsmanager/parameters/get', (c) => {
    const name = c.req.query('name') ?? '';
    const withDecryption = c.req.query('withDecryption') === 'true';
    const token = c.req.header('x-aws-parameters-secrets-token');
    reads.push({ name, withDecryption, token });
    if (token !== options.token) return c.text('Unauthorized', 401);
    const value = options.parameters[name];
    if (value === undefined)
      return c.text(
        `an unexpected error occurred: operation error SSM: GetParameter, https response error StatusCode: 400, api error ParameterNotFound: ${name}`,
        400,
      );
    return c.json({
      Parameter: {
        ARN: `arn:aws:ssm:us-east-1:123456789012:parameter${name}`,
        DataType: 'text',
        LastModifiedDate: '2030-01-01T00:00:00Z',
        Name: name,
        Selector: null,
        SourceResult: null,
        Type: 'SecureString',
        Value: withDecryption ? value : Buffer.from(`encrypted:${name}`).toString('base64'),
        Version: 1,
      },
      ResultMetadata: {},
    });
  });
  const server: RunningServer = await serveHttp(app.fetch);
  return { port: server.port, reads, close: () => server.close() };
}
