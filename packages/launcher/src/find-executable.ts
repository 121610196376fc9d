import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { LatheError } from '@lathe/core';

/** Resolves a command name through PATH; throws a clear error when it is nowhere. */
export async function findExecutable(command: string): Promise<string> {
  const candidates = isAbsolute(command) ? [command] : (process.env.PATH ?? '').split(delimiter).map((d) => join(d, command));
  for (const candidate of candidates) {
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  throw new LatheError('LATHE_INVALID_SPEC', `Python interpreter '${command}' was not found; set LATHE_PYTHON to a Python 3 executable`, {
    details: { python: command },
  });
}
