import { escapeText, truncate } from '../../domain/text';
import type { BenchCheck, ScanReport } from '../../palette/features/types';

/** How many failing kube-bench checks a summary lists; the rest are counted. */
export const WORST_SHOWN = 5;

/** Failing first, then warnings: the checks that most need work. */
const RANK: Record<string, number> = { FAIL: 0, WARN: 1 };

function checkLine(check: BenchCheck): string {
  const remediation = check.remediation ? ` — _${escapeText(truncate(check.remediation, 160))}_` : '';
  return `• \`${escapeText(truncate(check.testId, 20))}\` ${escapeText(truncate(check.description, 160))}${remediation}`;
}

/** One line of numbers for a finished scan (the status message, App Home and history keep it). */
export function scanNumbers(report: ScanReport): string {
  switch (report.kind) {
    case 'configuration': {
      const sum = (key: 'pass' | 'fail' | 'warn' | 'info') =>
        report.targets.reduce((total, target) => total + target[key], 0);
      return `${sum('pass')} pass, ${sum('fail')} fail, ${sum('warn')} warn, ${sum('info')} info`;
    }
    case 'penetration': {
      const { high, medium, low } = report.counts;
      return `${high + medium + low} vulnerabilities: ${high} high, ${medium} medium, ${low} low`;
    }
    case 'conformance': {
      const sum = (key: 'pass' | 'fail' | 'total') =>
        report.plugins.reduce((total, plugin) => total + plugin[key], 0);
      return `${sum('pass')} pass, ${sum('fail')} fail of ${sum('total')}`;
    }
  }
}

/** The detail under the numbers: the worst failing checks, the findings by severity, the failed tests. */
export function scanDetailLines(report: ScanReport): string[] {
  switch (report.kind) {
    case 'configuration': {
      const failing = report.targets
        .flatMap((target) => target.checks)
        .filter((check) => check.state.toUpperCase() in RANK)
        .sort((a, b) => RANK[a.state.toUpperCase()]! - RANK[b.state.toUpperCase()]!);
      const worst = failing.filter((check) => check.state.toUpperCase() === 'FAIL');
      const lines = worst.slice(0, WORST_SHOWN).map(checkLine);
      if (worst.length > WORST_SHOWN) lines.push(`…and ${worst.length - WORST_SHOWN} more failing checks.`);
      return lines;
    }
    case 'penetration': {
      const order = ['high', 'medium', 'low'];
      return [...report.findings]
        .sort((a, b) => order.indexOf(a.severity.toLowerCase()) - order.indexOf(b.severity.toLowerCase()))
        .slice(0, WORST_SHOWN)
        .map(
          (finding) =>
            `• *${escapeText(truncate(finding.severity, 10))}* \`${escapeText(truncate(finding.testId, 12))}\` ${escapeText(truncate(finding.vulnerability, 120))}`,
        );
    }
    case 'conformance': {
      const failures = report.plugins.flatMap((plugin) => plugin.failures);
      const lines = failures
        .slice(0, WORST_SHOWN)
        .map((failure) => `• ${escapeText(truncate(failure, 200))}`);
      if (failures.length > WORST_SHOWN)
        lines.push(`…and ${failures.length - WORST_SHOWN} more failed tests.`);
      return lines;
    }
  }
}
