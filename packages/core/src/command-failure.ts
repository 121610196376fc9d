import type { Failure } from './failure.js';

/** A command failure's message and the end of its log, as the launcher reports them. */
export interface CommandFailureText {
  /**
   * The user's exception line first (`ValueError: …`) when the log ends in a Python traceback,
   * then how the command ended, then the end of the log: what `job show` and Studio print.
   */
  message: string;
  /** The last lines the user's command wrote, Lathe's own `[lathe]` lines left out. */
  logTail: string;
}

/**
 * Composes the failure of a command that ended badly from how it ended (`exited with code 1`)
 * and the last lines of its log. Lathe's lines (environment, warnings) are left out of the tail:
 * the person wants to see what their code said, and the exception that stopped it before all.
 */
export function describeCommandFailure(how: string, logLines: string): CommandFailureText {
  const logTail = logLines
    .split('\n')
    .filter((line) => !line.startsWith('[lathe]'))
    .join('\n')
    .trim();
  const exception = exceptionLine(logTail);
  const headline = [exception, `the command ${how}`].filter((line) => line !== undefined).join('\n');
  return { message: logTail === '' ? headline : `${headline}\n${logTail}`, logTail };
}

/**
 * The message without the log tail it ends with: what to print where the log was just shown
 * (`job stream`), so the traceback appears once.
 */
export function failureSummary(failure: Pick<Failure, 'message' | 'details'>): string {
  const tail = failure.details.log_tail;
  if (typeof tail !== 'string' || tail === '' || !failure.message.endsWith(`\n${tail}`)) return failure.message;
  return failure.message.slice(0, -tail.length - 1);
}

const TRACEBACK = 'Traceback (most recent call last):';
/** `ValueError: …`, `pkg.mod.CustomError: …`, `KeyboardInterrupt`: how Python names what it raised. */
const EXCEPTION = /^(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt|Warning)(?::|$)/;

/**
 * The line naming the exception of the log's last Python traceback: the first unindented line
 * after its header (chained exceptions print several tracebacks; the last one ended the program).
 * When the header scrolled out of the tail, the last line that looks like an exception.
 */
export function exceptionLine(log: string): string | undefined {
  const lines = log.split('\n');
  const header = lines.lastIndexOf(TRACEBACK);
  if (header >= 0) {
    const line = lines.slice(header + 1).find((l) => l !== '' && !/^\s/.test(l));
    if (line !== undefined) return line;
  }
  return lines.findLast((l) => EXCEPTION.test(l));
}
