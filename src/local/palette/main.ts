import { z } from 'zod';
import { startPaletteSimulator } from './simulator';

/**
 * `npm run palette-sim`: runs the simulator alone. PALETTE_SIM_PORT (or PORT, default 4010), PALETTE_SIM_HOST,
 * PALETTE_SIM_API_KEY, PALETTE_SIM_PROJECT_UID, PALETTE_SIM_SPEED, PALETTE_SIM_RATE_429, PALETTE_SIM_RATE_503,
 * PALETTE_SIM_LATENCY_MS, PALETTE_SIM_SEED, PALETTE_SIM_RATE_LIMITS (on|off), PALETTE_SIM_VALIDATE_SPEC (on|off).
 */

const fraction = z.coerce.number().min(0).max(1).optional();
const onOff = z.enum(['on', 'off', 'true', 'false']).transform((value) => value === 'on' || value === 'true');

const Env = z.object({
  PALETTE_SIM_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PALETTE_SIM_HOST: z.string().min(1).optional(),
  PALETTE_SIM_API_KEY: z.string().min(1).optional(),
  PALETTE_SIM_PROJECT_UID: z.string().min(1).optional(),
  PALETTE_SIM_SPEED: z.coerce.number().positive().optional(),
  PALETTE_SIM_RATE_429: fraction,
  PALETTE_SIM_RATE_503: fraction,
  PALETTE_SIM_LATENCY_MS: z.coerce.number().int().min(0).optional(),
  PALETTE_SIM_SEED: z.coerce.number().int().optional(),
  PALETTE_SIM_RATE_LIMITS: onOff.optional(),
  PALETTE_SIM_VALIDATE_SPEC: onOff.optional(),
});

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const env = parsed.data;
  const simulator = await startPaletteSimulator({
    port: env.PALETTE_SIM_PORT ?? env.PORT ?? 4010,
    ...(env.PALETTE_SIM_HOST ? { host: env.PALETTE_SIM_HOST } : {}),
    ...(env.PALETTE_SIM_API_KEY ? { apiKey: env.PALETTE_SIM_API_KEY } : {}),
    ...(env.PALETTE_SIM_PROJECT_UID ? { projectUid: env.PALETTE_SIM_PROJECT_UID } : {}),
    ...(env.PALETTE_SIM_SPEED ? { speed: env.PALETTE_SIM_SPEED } : {}),
    ...(env.PALETTE_SIM_RATE_LIMITS !== undefined ? { rateLimits: env.PALETTE_SIM_RATE_LIMITS } : {}),
    ...(env.PALETTE_SIM_VALIDATE_SPEC !== undefined
      ? { validateWithSpec: env.PALETTE_SIM_VALIDATE_SPEC }
      : {}),
    faults: {
      rate429: env.PALETTE_SIM_RATE_429,
      rate503: env.PALETTE_SIM_RATE_503,
      latencyMs: env.PALETTE_SIM_LATENCY_MS,
      seed: env.PALETTE_SIM_SEED,
    },
  });
  console.log(`Palette simulator listening on ${simulator.url} (ApiKey: ${simulator.apiKey})`);
  if (simulator.projectUid) console.log(`ProjectUid: ${simulator.projectUid}`);
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping the Palette simulator`);
    await simulator.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    `Palette simulator failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
