import { CarnetError, type ErrorData } from '../errors.js';

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
    message: `${first.message} (and ${more} more problem${more > 1 ? 's' : ''})`,
    problems,
  });
}
