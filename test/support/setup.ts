import { afterEach } from 'vitest';
import { abandonWaits } from './wait';

// Every test file (vitest.config.ts `setupFiles`): a test that failed while waiting says what it waited for.
afterEach(({ task }) => {
  const waiting = abandonWaits();
  if (task.result?.state === 'fail' && waiting.length > 0)
    console.error(`"${task.name}" failed while still waiting for: ${waiting.join('; ')}.`);
});
