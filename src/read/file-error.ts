/** A file system error in a few words: "no such file", "permission denied", "is a directory"; else its message. */
export function describeFileError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return message ?? String(error);
  }
}
