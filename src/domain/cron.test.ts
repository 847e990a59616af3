import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron';

describe('cronProblem', () => {
  it.each(['0 2 * * SUN', '*/15 * * * *', '30 1 1,15 * MON-FRI', '0 0 * JAN-MAR 0', ' 5 4 * * 7 '])(
    'accepts %s',
    (schedule) => {
      expect(cronProblem(schedule)).toBeUndefined();
    },
  );

  it.each([
    ['', /five fields.*has 0/],
    ['0 2 * *', /five fields.*has 4/],
    ['60 2 * * *', /"60" is not a minute/],
    ['0 24 * * *', /not a hour/],
    ['0 2 0 * *', /not a day of month/],
    ['0 2 * 13 *', /not a month/],
    ['0 2 * * FUNDAY', /not a day of week/],
    ['*/0 * * * *', /step/],
    ['0 5-1 * * *', /runs backwards/],
  ])('refuses "%s"', (schedule, message) => {
    expect(cronProblem(schedule)).toMatch(message);
  });
});
