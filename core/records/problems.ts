import { CarnetError, type ErrorData } from '../errors.js';
import { say } from '../messages/say.js';

/**
 * One refusal for a list of problems: the first problem's data, with every problem attached,
 * so a form can show each message beside its field.
 */
export function throwProblems(problems: ErrorData[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  if (problems.length === 1) throw new CarnetError(first);
  const more = problems.length - 1;
  throw new CarnetError({
    ...first,
    message: more > 1 ? say('{message} (and {count} more problems)', { message: first.message, count: more }) : say('{message} (and 1 more problem)', { message: first.message }),
    problems,
  });
}
