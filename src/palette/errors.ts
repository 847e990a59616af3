import { secretScrubber } from '../log';

/** What Palette said went wrong, with nothing of the request that could carry a secret (no headers, no body). */
export interface PaletteErrorFields {
  /** The HTTP status; 0 when Palette never answered (timeout, refused connection). */
  status: number;
  /** Palette's `v1Error.code` (e.g. `TooManyRequests`, `ResourceNotFound`), or ours for transport failures. */
  code: string;
  /** Palette's `v1Error.message`, written for people. */
  message: string;
  /** Palette's `v1Error.ref`, the id support asks for. */
  ref?: string;
  method: string;
  /** The request path without its query string. */
  path: string;
}

/** A failed Palette call. Its message, fields and serialisation never contain the API key or any header. */
export class PaletteError extends Error {
  override readonly name = 'PaletteError';
  readonly status: number;
  readonly code: string;
  readonly ref?: string;
  readonly method: string;
  readonly path: string;

  constructor(fields: PaletteErrorFields) {
    super(fields.message);
    this.status = fields.status;
    this.code = fields.code;
    if (fields.ref !== undefined) this.ref = fields.ref;
    this.method = fields.method;
    this.path = fields.path;
  }

  /** The message with its request, for logs: `Palette 409 Conflict on POST /v1/…: …`. */
  override toString(): string {
    const status = this.status === 0 ? 'gave no answer' : String(this.status);
    return `${this.name} ${status} ${this.code} on ${this.method} ${this.path}: ${this.message}`;
  }

  /** Only the safe fields, so `JSON.stringify(error)` carries the message too. */
  toJSON(): PaletteErrorFields & { name: string } {
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.ref !== undefined ? { ref: this.ref } : {}),
      method: this.method,
      path: this.path,
    };
  }
}

/** True when `error` is Palette saying the thing does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof PaletteError && error.status === 404;
}

/** Palette said no for good (a 4xx other than 404 = gone and 429 = busy): retrying would not help. */
export function isRefusal(error: unknown): error is PaletteError {
  return (
    error instanceof PaletteError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 404 &&
    error.status !== 429
  );
}

/**
 * Builds a PaletteError whose text fields are scrubbed of the given secrets (a misbehaving proxy may echo headers
 * back).
 */
export function paletteError(fields: PaletteErrorFields, secrets: readonly string[]): PaletteError {
  const clean = secretScrubber(secrets);
  return new PaletteError({
    status: fields.status,
    code: clean(fields.code),
    message: clean(fields.message),
    ...(fields.ref !== undefined ? { ref: clean(fields.ref) } : {}),
    method: fields.method,
    path: clean(fields.path),
  });
}
