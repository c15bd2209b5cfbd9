// Plan entries name the profile line they come from.
import {lineColOf} from '../profile/diagnostics.js'
import type {Span} from '../profile/types.js'
import type {Origin} from './plan-types.js'

export type Sources = ReadonlyMap<string, string>

/** The file, line and text of a span, if its source is known. */
export function originOf(span: Span | undefined, sources: Sources): Origin | undefined {
  if (!span) return undefined
  const text = sources.get(span.file)
  if (text === undefined) return {file: span.file, line: 0, text: ''}
  const {line, lineText} = lineColOf(text, span.offset)
  return {file: span.file, line, text: lineText.trim()}
}

/** "file:line" of an origin, for messages. */
export function formatOrigin(o: Origin | undefined): string {
  return o ? `${o.file}:${o.line}` : 'the profile'
}
