/** Hands a file to the browser's download, named as given; nothing leaves the machine. */
export function saveFile(
  fileName: string,
  content: string | Uint8Array,
  type = 'application/json',
): void {
  const blob = new Blob([typeof content === 'string' ? content : new Uint8Array(content)], {
    type,
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is released once it had time to be read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
