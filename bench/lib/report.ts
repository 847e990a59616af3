/** One part of the results: a title, a table and the lines under it (goals, notes). */
export interface Section {
  title: string;
  /** What was measured and how, in a sentence or two. */
  method: string;
  header: string[];
  rows: string[][];
  /** Further tables under the first, each with a line saying what it shows. */
  tables?: { caption: string; header: string[]; rows: string[][] }[];
  /** Goal verdicts and remarks. */
  notes: string[];
}

/** A table in Markdown, its columns padded to one width (as Biome formats Markdown, and easy to read on a terminal). */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** A section as Markdown. */
export function renderSection(section: Section): string {
  return [
    `## ${section.title}`,
    '',
    section.method,
    '',
    markdownTable(section.header, section.rows),
    '',
    ...(section.tables ?? []).flatMap((table) => [
      table.caption,
      '',
      markdownTable(table.header, table.rows),
      '',
    ]),
    ...section.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

/** A goal's verdict line: met or missed, with the figures that decide it. */
export function goal(name: string, met: boolean, figures: string): string {
  return `**Goal ${met ? 'met' : 'MISSED'}** — ${name}: ${figures}.`;
}
