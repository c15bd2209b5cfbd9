// A Firejail file split into its meaningful lines, each with where it starts in the file.

export interface ProfileLine {
  /** The line as Firejail reads it: trimmed, inline comment removed, runs of blanks made one space. */
  readonly text: string
  /** Offset of the first character of `text` in the file. */
  readonly offset: number
  /** Length of the line in the file, from `offset` up to the comment or the end. */
  readonly length: number
}

/** Where each character of `text` came from, for lines whose blanks were collapsed. */
export interface LineMap {
  readonly line: ProfileLine
  /** Offset in the file of character `i` of `line.text`. */
  offsetOf(i: number): number
}

const cache = new Map<string, {text: string; lines: readonly ProfileLine[]}>()

/** The lines of a file that are not blank or comments; parsed once per file text. */
export function readLines(file: string, text: string): readonly ProfileLine[] {
  const hit = cache.get(file)
  if (hit && hit.text === text) return hit.lines
  const lines: ProfileLine[] = []
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const raw = text.slice(start, end)
    // A comment starts a line or follows a blank: paths may contain "#" elsewhere.
    const hash = raw.search(/(^|\s)#/)
    const body = hash === -1 ? raw : raw.slice(0, hash)
    const lead = body.length - body.trimStart().length
    const content = body.trim()
    if (content) lines.push({text: content.replace(/\s+/g, ' '), offset: start + lead, length: content.length})
    start = end + 1
  }
  cache.set(file, {text, lines})
  return lines
}

/** Map offsets within a line's collapsed text back to the file. */
export function lineMap(fileText: string, line: ProfileLine): LineMap {
  const raw = fileText.slice(line.offset, line.offset + line.length)
  if (raw === line.text) return {line, offsetOf: (i) => line.offset + i}
  const positions: number[] = []
  for (let i = 0; i < raw.length; i++) {
    if (/\s/.test(raw[i] as string) && i > 0 && /\s/.test(raw[i - 1] as string)) continue
    positions.push(line.offset + i)
  }
  return {line, offsetOf: (i) => positions[Math.min(i, positions.length - 1)] ?? line.offset}
}
