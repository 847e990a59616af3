/** Palette's documented rate limits (DESIGN §4): requests per second, per source IP and path prefix. */
export const PALETTE_RATE_LIMITS: Readonly<Record<string, number>> = {
  '/v1/spectroclusters': 50,
  '/v1/cloudconfigs': 50,
  '/v1/dashboard': 10,
  '/v1/cloudaccounts': 10,
  '/v1/overlords': 10,
};
