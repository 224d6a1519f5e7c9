/**
 * Words wrapped to lines of at most `width` characters (a longer word gets a line of its own),
 * each line prefixed with `indent`; line breaks in the text start new paragraphs.
 */
export function wrapLines(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
  }
  return lines;
}
