import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { z } from 'zod';
import type { SlackEmulator } from '../emulator';
import type { BotReply } from '../interactions';
import type { SeedRole } from '../seed';
import type { PageAssets } from './assets';
import { PageRequests } from './requests';
import { pageState, seededRoles } from './state';

/** The slash commands the emulated workspace knows: the bot's app manifest declares only this one. */
const KNOWN_COMMANDS = ['/maas'];
/** How long a burst of workspace changes is gathered into one push (a poll updates several messages at once). */
const PUSH_DELAY_MS = 30;
/** A comment line keeps idle event streams open through proxies. */
const KEEPALIVE_MS = 15_000;

/** Browsers get no cached copies (the page changes with the code) and no outside origin at all. */
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

/** What Slack's client shows when the bot did not answer an interaction properly. */
function replyProblem(reply: BotReply): string | undefined {
  if (reply.error === 'timeout') return 'The bot did not answer within 3 seconds.';
  if (reply.error === 'unreachable') return 'The bot could not be reached.';
  if (reply.error === 'http_error') return `The bot answered with HTTP ${reply.status}.`;
  return undefined;
}

/** A seeded person by user id or playground role (`?as=approver`), or undefined. */
function resolvePerson(slack: SlackEmulator, who: string): string | undefined {
  if (Object.hasOwn(slack.users, who)) return slack.users[who as SeedRole];
  return seededRoles(slack).has(who) ? who : undefined;
}

/** The page's routes on the emulator's server; `emulator()` is undefined until the stack has started. */
export function mountPageRoutes(
  app: Hono,
  assets: PageAssets,
  emulator: () => SlackEmulator | undefined,
): void {
  const serve = (body: string, type: string) => (c: Context) =>
    c.body(body, 200, { ...PAGE_HEADERS, 'content-type': `${type}; charset=utf-8` });
  app.get('/', serve(assets.html, 'text/html'));
  app.get('/page/app.js', serve(assets.js, 'text/javascript'));
  app.get('/page/app.css', serve(assets.css, 'text/css'));
  // A permalink opened on its own (a new tab): the page, on that channel.
  app.get('/archives/:channel/:message', (c) =>
    c.redirect(`/#${encodeURIComponent(c.req.param('channel'))}`),
  );

  /** Runs a page request for a seeded person: 400 for a bad body, 409 when the emulator refuses, never a 5xx. */
  const action = <K extends keyof typeof PageRequests>(
    kind: K,
    run: (slack: SlackEmulator, body: z.infer<(typeof PageRequests)[K]>) => Promise<Record<string, unknown>>,
  ) =>
    app.post(`/page/${kind}`, async (c) => {
      const slack = emulator();
      if (!slack) return c.json({ error: 'The workspace is still starting.' }, 503);
      const parsed = PageRequests[kind].safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) return c.json({ error: parsed.error.issues[0]?.message ?? 'Bad request.' }, 400);
      if (!seededRoles(slack).has(parsed.data.user)) return c.json({ error: 'Unknown person.' }, 400);
      try {
        return c.json(await run(slack, parsed.data as z.infer<(typeof PageRequests)[K]>));
      } catch (error) {
        // The emulator refuses what Slack's client would not allow (a view no longer in front, a gone option).
        return c.json({ error: error instanceof Error ? error.message : 'Refused.' }, 409);
      }
    });

  action('command', async (slack, body) => {
    const [command = '', ...rest] = body.text.trim().split(/\s+/);
    if (!command.startsWith('/'))
      return { error: 'Type a slash command, like /maas help (the playground posts only commands).' };
    if (!KNOWN_COMMANDS.includes(command)) return { error: `${command} is not a valid command.` };
    const reply = await slack.command(body.user, command, rest.join(' '), { channel: body.channel });
    return { ok: !reply.error };
  });
  action('click', async (slack, body) => {
    const reply = await slack.click(body.user, body.target, body.actionId, body.choice, body.values ?? {});
    const problem = replyProblem(reply);
    return problem ? { error: problem } : { ok: true };
  });
  action('submit', async (slack, body) => {
    const result = await slack.submit(body.user, body.viewId, body.values ?? {});
    return { outcome: result.outcome, errors: result.errors ?? {} };
  });
  action('dismiss', async (slack, body) => {
    await slack.dismiss(body.user, body.viewId);
    return { ok: true };
  });
  action('suggest', async (slack, body) => {
    const result = await slack.suggest(body.user, body.viewId, body.actionId, body.query);
    const problem = replyProblem(result);
    return { sent: result.sent, options: result.options, ...(problem ? { error: problem } : {}) };
  });
  action('home', async (slack, body) => {
    const reply = await slack.openHome(body.user);
    const problem = replyProblem(reply);
    return problem ? { error: problem } : { ok: true };
  });

  app.get('/page/state', (c) => {
    const slack = emulator();
    if (!slack) return c.json({ error: 'The workspace is still starting.' }, 503);
    const user = resolvePerson(slack, c.req.query('user') ?? '');
    if (!user) return c.json({ error: 'Unknown person.' }, 400);
    return c.json(pageState(slack, user));
  });

  app.get('/page/events', (c) => {
    const slack = emulator();
    if (!slack) return c.json({ error: 'The workspace is still starting.' }, 503);
    const user = resolvePerson(slack, c.req.query('user') ?? '');
    if (!user) return c.json({ error: 'Unknown person.' }, 400);
    c.header('cache-control', 'no-store');
    return streamSSE(c, async (stream) => {
      let timer: NodeJS.Timeout | undefined;
      const push = () => {
        timer = undefined;
        if (!stream.aborted)
          void stream.writeSSE({ event: 'state', data: JSON.stringify(pageState(slack, user)) });
      };
      const unsubscribe = slack.on((change) => {
        if (change.kind !== 'call' && !timer) timer = setTimeout(push, PUSH_DELAY_MS);
      });
      const keepalive = setInterval(() => void stream.write(': keepalive\n\n'), KEEPALIVE_MS);
      const closed = new Promise<void>((resolve) =>
        stream.onAbort(() => {
          unsubscribe();
          clearInterval(keepalive);
          clearTimeout(timer);
          resolve();
        }),
      );
      push();
      await closed;
    });
  });
}
