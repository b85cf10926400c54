import { execFileSync } from 'node:child_process';

/**
 * LibreOffice and Chromium suites need real programs. On a developer machine without them the
 * suite is skipped with a loud line; under CI (`CI=true`) a missing program is a failure.
 */
export function hasProgram(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function requireProgram(name: string, what: string): boolean {
  if (hasProgram(name)) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is required under CI for ${what}; .ci/run installs it.`);
  console.warn(`\n!!! SKIPPING ${what}: \`${name}\` is not installed (apt-get install it to run this suite) !!!\n`);
  return false;
}
