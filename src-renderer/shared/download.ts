// Saves a file the core made the way the browser saves any download: the desktop app's download asks where, the
// browser station's goes to the downloads folder.

/** Bytes the core sent as base64, as JSON carries them. */
export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Saves bytes that came in one or more parts as one file. */
export function saveBytes(fileName: string, mime: string, parts: Uint8Array<ArrayBuffer>[]): void {
  const url = URL.createObjectURL(new Blob(parts, { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function saveFile(file: { fileName: string; mime: string; base64: string }): void {
  saveBytes(file.fileName, file.mime, [fromBase64(file.base64)]);
}
