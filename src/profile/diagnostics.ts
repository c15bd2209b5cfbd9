// Diagnostics are collected, never thrown; positions become line:col only when printed.
import type {Diagnostic, Severity, Span} from './types.js'

/** Build a diagnostic; `severity` defaults to error. */
export function diagnostic(code: string, message: string, span?: Span, severity: Severity = 'error'): Diagnostic {
  return span ? {code, severity, message, span} : {code, severity, message}
}

export interface LineCol {
  readonly line: number
  readonly col: number
  readonly lineText: string
}

/** 1-based line and column of `offset` in `text`, with the text of that line. */
export function lineColOf(text: string, offset: number): LineCol {
  const clamped = Math.max(0, Math.min(offset, text.length))
  const lineStart = text.lastIndexOf('\n', clamped - 1) + 1
  let lineEnd = text.indexOf('\n', clamped)
  if (lineEnd === -1) lineEnd = text.length
  let line = 1
  for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++
  return {line, col: clamped - lineStart + 1, lineText: text.slice(lineStart, lineEnd)}
}

/** `file:line:col` of a span, or just the file when the text is unknown. */
export function formatSpan(span: Span, readSource: (file: string) => string | undefined): string {
  const text = readSource(span.file)
  if (text === undefined) return span.file
  const {line, col} = lineColOf(text, span.offset)
  return `${span.file}:${line}:${col}`
}

/** The full report of one diagnostic: location, code, message, the source line with a caret, include sites. */
export function formatDiagnostic(d: Diagnostic, readSource: (file: string) => string | undefined): string {
  const head = `${d.severity} ${d.code}: ${d.message}`
  if (!d.span) return head
  const out = [`${formatSpan(d.span, readSource)}: ${head}`]
  const text = readSource(d.span.file)
  if (text !== undefined) {
    const {col, lineText} = lineColOf(text, d.span.offset)
    const width = Math.max(1, Math.min(d.span.length, lineText.length - col + 1))
    out.push(`  ${lineText}`, `  ${' '.repeat(col - 1)}${'^'.repeat(width)}`)
  }
  for (const site of d.includedFrom ?? []) out.push(`  included from ${formatSpan(site, readSource)}`)
  return out.join('\n')
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
