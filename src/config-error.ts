/** A configuration problem, naming the variables (or the file's lines) without ever echoing a secret value. */
export class ConfigError extends Error {
  constructor(problems: string[], heading = 'Configuration is incomplete') {
    super(`${heading}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
