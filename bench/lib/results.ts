/** Where the footer of RESULTS.md (the whole run's closing lines) begins. */
const FOOTER = /^- Load average at the end:/m;

/** A section's title: its `## ` heading. */
const titleOf = (section: string) => section.slice(3, section.indexOf('\n')).trim();

/**
 * RESULTS.md with some sections measured again: each replaces the section of the same title where it stands (or
 * comes last, before the footer); the others, the header and the footer stay as their run wrote them.
 */
export function replaceSections(results: string, sections: string[]): string {
  const footerAt = results.search(FOOTER);
  const body = footerAt === -1 ? results : results.slice(0, footerAt);
  const footer = footerAt === -1 ? '' : results.slice(footerAt);
  const [header = '', ...existing] = body.split(/^(?=## )/m);
  const fresh = new Map(sections.map((section) => [titleOf(section), section.trimEnd()]));
  const kept = existing.map((section) => {
    const replacement = fresh.get(titleOf(section));
    fresh.delete(titleOf(section));
    return replacement ?? section.trimEnd();
  });
  return `${[header.trimEnd(), ...kept, ...fresh.values()].join('\n\n')}\n\n${footer}`;
}
