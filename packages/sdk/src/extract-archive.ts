import * as tar from 'tar';

/**
 * A tar extractor into `cwd` that keeps only regular files and folders: a link in an archive
 * could point outside `cwd` and be followed later. node-tar already refuses `..` and absolute
 * entry paths. (The server's artifact store applies the same rule to uploads.)
 */
export function extractPlainFiles(cwd: string): NodeJS.WritableStream {
  return tar.extract({
    cwd,
    strict: true,
    filter: (_path, entry) => {
      const type = (entry as { type?: string }).type;
      return type === 'File' || type === 'Directory' || type === 'OldFile' || type === 'ContiguousFile';
    },
  }) as unknown as NodeJS.WritableStream;
}
