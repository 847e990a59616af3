/** What went wrong talking to MAAS: never carries the API key, only the path, the status and a short reason. */
export class MaasError extends Error {
  constructor(
    message: string,
    readonly kind: 'auth' | 'http' | 'network' | 'timeout' | 'body',
    readonly path: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'MaasError';
  }
}
