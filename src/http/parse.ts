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

function parseJson(text: string, what: string): ParsedSlackBody {
  try {
    const body: unknown = JSON.parse(text);
    return isObject(body)
      ? { kind: 'body', body }
      : { kind: 'malformed', problem: `${what} is not an object` };
  } catch {
    return { kind: 'malformed', problem: `${what} is not JSON` };
  }
}

/**
 * Parses a verified body: form-encoded slash commands (fields as strings), `payload=` interactivity (the JSON in
 * the field), or JSON (Events API). `ssl_check` is recognised first, so a smuggled payload beside it is ignored.
 */
export function parseSlackBody(rawBody: string, contentType: string | null | undefined): ParsedSlackBody {
  if (!isForm(contentType)) return parseJson(rawBody, 'The body');
  const form = new URLSearchParams(rawBody);
  if (form.get('ssl_check') === '1') return { kind: 'ssl_check' };
  const payload = form.get('payload');
  if (payload !== null) return parseJson(payload, 'The payload field');
  return { kind: 'body', body: Object.fromEntries(form) };
}
