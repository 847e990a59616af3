/**
 * Escapes text a person typed before it goes into a Slack message: Slack reads `<…>` as links and
 * mentions (`<!channel>`, `<!here>`), so `&`, `<` and `>` become entities and nobody can ping through the bot.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
