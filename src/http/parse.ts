/** A Slack body, decoded: an object, from form fields or from JSON; or why it could not be. */
export type DecodedSlackBody =
  | { kind: 'ssl_check' }
  | { kind: 'body'; body: Record<string, unknown>; from: 'fields' | 'json' }
  | { kind: 'malformed'; problem: string };

/** A Slack request body, parsed the way Bolt's receivers parse it and checked to be Slack's shape. */
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

function decodeJson(text: string, what: string): DecodedSlackBody {
  try {
    const body: unknown = JSON.parse(text);
    return isObject(body)
      ? { kind: 'body', body, from: 'json' }
      : { kind: 'malformed', problem: `${what} is not an object` };
  } catch {
    return { kind: 'malformed', problem: `${what} is not JSON` };
  }
}

/**
 * Decodes a body as Slack sends it and reads it: form fields, the JSON in a form's `payload` field, or a JSON
 * object. `ssl_check` is recognised first, so a smuggled payload beside it is ignored. What the object holds is
 * not checked (a response URL's message is decoded the same way).
 */
export function decodeSlackBody(rawBody: string, contentType: string | null | undefined): DecodedSlackBody {
  if (!isForm(contentType)) return decodeJson(rawBody, 'The body');
  const form = new URLSearchParams(rawBody);
  if (form.get('ssl_check') === '1') return { kind: 'ssl_check' };
  const payload = form.get('payload');
  if (payload !== null) return decodeJson(payload, 'The payload field');
  return { kind: 'body', body: Object.fromEntries(form), from: 'fields' };
}

/**
 * Parses a verified request body: a slash command (form fields with a `command`), interactivity (a `payload`
 * with its `type`) or the Events API (JSON with its `type`: `event_callback`, `url_verification`…). Anything else
 * — an empty body, a form with neither a command nor a payload, JSON without a type — is not a Slack request,
 * signed or not.
 */
export function parseSlackBody(rawBody: string, contentType: string | null | undefined): ParsedSlackBody {
  const decoded = decodeSlackBody(rawBody, contentType);
  if (decoded.kind !== 'body') return decoded;
  const { body, from } = decoded;
  if (from === 'fields' && !body.command)
    return {
      kind: 'malformed',
      problem: 'The form has neither a command nor a payload: not a Slack request',
    };
  if (from === 'json' && (typeof body.type !== 'string' || body.type === ''))
    return { kind: 'malformed', problem: 'The payload has no type: not a Slack request' };
  return { kind: 'body', body };
}
