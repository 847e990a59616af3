import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';

const LEVELS: Record<string, LogLevel> = {
  TRACE: LogLevel.DEBUG,
  DEBUG: LogLevel.DEBUG,
  INFO: LogLevel.INFO,
  WARN: LogLevel.WARN,
  ERROR: LogLevel.ERROR,
  CRITICAL: LogLevel.ERROR,
  SILENT: LogLevel.ERROR,
};

const line = (parts: unknown[]) =>
  parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');

/**
 * Bolt's and the WebClient's logger interface over the project's Powertools logger, so their lines share its
 * format, level and secret redaction. The level stays the Powertools one: Bolt's `setLevel` is ignored.
 */
export function slackLogger(logger: PowertoolsLogger): SlackLogger {
  return {
    debug: (...parts: unknown[]) => logger.debug(line(parts)),
    info: (...parts: unknown[]) => logger.info(line(parts)),
    warn: (...parts: unknown[]) => logger.warn(line(parts)),
    error: (...parts: unknown[]) => logger.error(line(parts)),
    setLevel: () => {},
    getLevel: () => LEVELS[logger.getLevelName()] ?? LogLevel.INFO,
    setName: () => {},
  };
}
