/** A Slack request body, parsed the way Bolt's receivers parse it. */
export type ParsedSlackBody =
  | { kind: 'ssl_check' }
  | { kind: 'body'; body: Record<string, unknown> }
  | { kind: 'malformed'; problem: string };

const isForm = (contentType: string | null | undefined) =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the body is Slack's `ssl_check=1` ping (form-encoded, unsigned). */
export function isSslCheck(rawBody: string, contentType: string | null | undefined): boolean {
  return isForm(contentType) && new URLSearchParams(rawBody).get('ssl_check') === '1';
}

/**
 * A JSON Slack payload: an object with its `type` (every Events API body and interactivity payload has one:
 * `event_callback`, `url_verification`, `block_actions`, `view_submission`…).
 */
function parseJson(text: string, what: string): ParsedSlackBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'malformed', problem: `${what} is not JSON` };
  }
  if (!isObject(body)) return { kind: 'malformed', problem: `${what} is not an object` };
  if (typeof body.type !== 'string' || body.type === '')
    return { kind: 'malformed', problem: `${what} has no type: it is not a Slack payload` };
  return { kind: 'body', body };
}

/**
 * Parses a verified body: form-encoded slash commands (fields as strings, a `command` among them), `payload=`
 * interactivity (the JSON in the field), or JSON (Events API). `ssl_check` is recognised first, so a smuggled
 * payload beside it is ignored. Anything else — an empty body, a form with neither a command nor a payload, JSON
 * without a type — is not a Slack request, signed or not.
 */
export function parseSlackBody(rawBody: string, contentType: string | null | undefined): ParsedSlackBody {
  if (!isForm(contentType)) return parseJson(rawBody, 'The body');
  const form = new URLSearchParams(rawBody);
  if (form.get('ssl_check') === '1') return { kind: 'ssl_check' };
  const payload = form.get('payload');
  if (payload !== null) return parseJson(payload, 'The payload field');
  if (!form.get('command'))
    return {
      kind: 'malformed',
      problem: 'The form has neither a command nor a payload: it is not a Slack request',
    };
  return { kind: 'body', body: Object.fromEntries(form) };
}
