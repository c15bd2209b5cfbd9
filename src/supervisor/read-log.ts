// Read the decision log back, and follow it as it grows.
import {closeSync, existsSync, openSync, readSync, statSync} from 'node:fs'
import type {LogLine} from './decision-log.js'

function parseLines(text: string): LogLine[] {
  const out: LogLine[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      out.push(JSON.parse(line) as LogLine)
    } catch {
      // a line being written
    }
  }
  return out
}

/** Entries from byte `from` on; returns them and the offset after the last complete line. */
export function readLogFrom(file: string, from: number): {entries: LogLine[]; next: number} {
  if (!existsSync(file)) return {entries: [], next: 0}
  const size = statSync(file).size
  if (size < from) from = 0 // rotated or truncated
  if (size === from) return {entries: [], next: from}
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(size - from)
    readSync(fd, buf, 0, buf.length, from)
    const text = buf.toString('utf8')
    const end = text.lastIndexOf('\n') + 1
    return {entries: parseLines(text.slice(0, end)), next: from + Buffer.byteLength(text.slice(0, end))}
  } finally {
    closeSync(fd)
  }
}
