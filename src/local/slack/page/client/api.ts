import type { PageRequest } from '../requests';

/** The page's answer to a request; `error` is a sentence to show the person. */
export interface PageAnswer {
  ok?: boolean;
  error?: string;
  outcome?: string;
  errors?: Record<string, string>;
  sent?: boolean;
  options?: { text: { type: string; text: string }; value: string }[];
}

/** Sends what the person did to the page's server, which passes it to the emulator as that person. */
export async function send<K extends keyof PageRequest>(kind: K, body: PageRequest[K]): Promise<PageAnswer> {
  try {
    const response = await fetch(`/page/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as PageAnswer;
    return response.ok ? answer : { error: answer.error ?? `The workspace answered ${response.status}.` };
  } catch {
    return { error: 'The playground is not reachable: is `npm start` still running?' };
  }
}
