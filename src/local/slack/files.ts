import type { Hono } from 'hono';
import { type EmulatorCore, SlackApiError } from './core';
import type { SharedFile } from './types';
import type { ApiArgs } from './web-api';

/**
 * Slack's file upload flow (what the WebClient's `filesUploadV2` does): `files.getUploadURLExternal` reserves a
 * file and gives a URL, the bytes are POSTed there, `files.completeUploadExternal` shares the uploaded files in a
 * channel or DM as one message. Contents stay here, off the workspace record (never in `calls`, never saved).
 */
interface StoredFile {
  id: string;
  name: string;
  /** The length announced in getUploadURLExternal; the upload must match it. */
  length: number;
  content?: Buffer;
  shared: boolean;
}

/** The files of one emulated workspace. */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly core: EmulatorCore) {}

  /** The content of a shared file, for the playground page's download link. */
  content(id: string): { name: string; content: Buffer } | undefined {
    const file = this.files.get(id);
    return file?.shared && file.content ? { name: file.name, content: file.content } : undefined;
  }

  /** `files.getUploadURLExternal`. */
  reserve(args: ApiArgs, baseUrl: string): Record<string, unknown> {
    const name = typeof args.filename === 'string' ? args.filename : '';
    const length = Number(args.length);
    if (!name || !Number.isInteger(length) || length < 1)
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] filename and a positive length are required'] },
      });
    const id = this.core.ids.id('F');
    this.files.set(id, { id, name, length, shared: false });
    return { upload_url: `${baseUrl}/upload/${id}`, file_id: id };
  }

  /** The upload URL: stores the bytes (Slack answers `OK - <length>`). */
  upload(id: string, content: Buffer): { status: 200 | 404 | 400; text: string } {
    const file = this.files.get(id);
    if (!file || file.shared) return { status: 404, text: 'file_not_found' };
    if (content.length !== file.length) return { status: 400, text: 'length_mismatch' };
    file.content = content;
    return { status: 200, text: `OK - ${content.length}` };
  }

  /** `files.completeUploadExternal`: shares the uploaded files as one message (with `initial_comment`). */
  complete(args: ApiArgs): Record<string, unknown> {
    const listed = parseFiles(args.files);
    const files = listed.map((entry) => {
      const file = this.files.get(entry.id);
      if (!file?.content || file.shared) throw new SlackApiError('file_not_found');
      return { file, title: entry.title ?? file.name };
    });
    if (files.length === 0) throw new SlackApiError('invalid_arguments');
    const channelId = args.channel_id ?? args.channels;
    const shared: SharedFile[] = files.map(({ file, title }) => ({
      id: file.id,
      name: file.name,
      title,
      size: file.length,
    }));
    if (channelId !== undefined) {
      const channel = this.core.channel(channelId);
      if (!channel.members.includes(this.core.workspace.bot.userId))
        throw new SlackApiError('not_in_channel');
      const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
      this.core.postMessage({
        channel: channel.id,
        user: this.core.workspace.bot.userId,
        botId: this.core.workspace.bot.botId,
        text: typeof args.initial_comment === 'string' ? args.initial_comment : '',
        files: shared,
        ...(threadTs ? { threadTs } : {}),
      });
    }
    for (const { file } of files) file.shared = true;
    return { files: shared.map((file) => ({ id: file.id, title: file.title })) };
  }

  /** The Web API methods of the flow, beside METHODS. */
  methods(): Record<string, (args: ApiArgs, core: EmulatorCore, baseUrl: string) => Record<string, unknown>> {
    return {
      'files.getUploadURLExternal': (args, _core, baseUrl) => this.reserve(args, baseUrl),
      'files.completeUploadExternal': (args) => this.complete(args),
    };
  }

  /** The upload route on the emulator's server. */
  route(app: Hono): void {
    app.post('/upload/:id', async (c) => {
      const answer = this.upload(c.req.param('id'), await uploadedBytes(c.req.raw));
      return c.text(answer.text, answer.status);
    });
    app.get('/files/:id', (c) => {
      const file = this.content(c.req.param('id'));
      if (!file) return c.text('file_not_found', 404);
      return c.body(new Uint8Array(file.content), 200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
      });
    });
  }
}

/** The bytes of an upload: the raw body, or the one file of a multipart form (how the WebClient sends it). */
async function uploadedBytes(request: Request): Promise<Buffer> {
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data'))
    return Buffer.from(await request.arrayBuffer());
  const form = await request.formData();
  for (const value of form.values())
    return typeof value === 'string' ? Buffer.from(value) : Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

function parseFiles(value: unknown): { id: string; title?: string }[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] files is not valid JSON'] },
      });
    }
  }
  if (!Array.isArray(parsed)) throw new SlackApiError('invalid_arguments');
  return parsed.map((entry: { id?: unknown; title?: unknown }) => ({
    id: String(entry.id ?? ''),
    ...(typeof entry.title === 'string' ? { title: entry.title } : {}),
  }));
}
