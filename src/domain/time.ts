/** Adds seconds to an ISO timestamp. */
export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

/** "14:32 UTC", or "Nov 28 14:32 UTC" when the moment is not today (UTC). */
export function formatUtc(at: Date, now: Date): string {
  const hhmm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;
  if (at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)) return hhmm;
  const month = at.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${month} ${at.getUTCDate()} ${hhmm}`;
}

/** A rough duration for people: "45 s", "6 min", "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "in 6 min, at 14:32 UTC": when something becomes possible, counted up to whole minutes. */
export function formatEta(at: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));
  return `in ${minutes} min, at ${formatUtc(at, now)}`;
}
