/**
 * Five-field cron (minute hour day-of-month month day-of-week), as Palette's feature schedules take it
 * (`0 2 * * SUN`): each field is `*`, a value, a range or a list, each with an optional `/step`; months and
 * weekdays may be named.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function fieldValue(token: string, field: CronField): number | undefined {
  const named = field.names?.indexOf(token.toUpperCase()) ?? -1;
  if (named >= 0) return named + (field.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(token)) return undefined;
  const value = Number(token);
  return value >= field.min && value <= field.max ? value : undefined;
}

function partProblem(part: string, field: CronField): string | undefined {
  const [range = '', step, extra] = part.split('/');
  if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step)))
    return `the ${field.name} step in "${part}" must be a positive whole number`;
  if (range === '*') return undefined;
  const [from = '', to, more] = range.split('-');
  const first = fieldValue(from, field);
  const last = to === undefined ? first : fieldValue(to, field);
  if (more !== undefined || first === undefined || last === undefined)
    return `"${part}" is not a ${field.name} (${field.min}–${field.max}${field.names ? ` or ${field.names[0]}…` : ''})`;
  if (last < first) return `the ${field.name} range "${range}" runs backwards`;
  return undefined;
}

/** Why `schedule` is not a five-field cron schedule, for people; undefined when it is one. */
export function cronProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== FIELDS.length)
    return `use five fields (minute hour day-of-month month day-of-week) such as "0 2 * * SUN"; "${schedule.trim()}" has ${schedule.trim() === '' ? 0 : fields.length}`;
  for (const [index, field] of FIELDS.entries()) {
    for (const part of fields[index]!.split(',')) {
      const problem = partProblem(part, field);
      if (problem) return problem;
    }
  }
  return undefined;
}
