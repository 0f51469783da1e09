// Saved files in messages: the clerk reads the file's name and the folder it is in, in words,
// not a bare path.

/** The file's name from a path the save dialog returned (either kind of separator). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "`what` gespeichert: „name.pdf“ im Ordner /home/…/Dokumente." */
export function savedAs(what: string, path: string): string {
  const name = fileName(path);
  const folder = path.slice(0, Math.max(path.length - name.length - 1, 0));
  return folder === '' ? `${what} gespeichert: „${name}“.` : `${what} gespeichert: „${name}“ im Ordner ${folder}.`;
}
