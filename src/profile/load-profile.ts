// Resolve a profile and its includes into ordered layers (design section 2, "Layers, lowest first").
import {join} from 'node:path'
import {diagnostic} from './diagnostics.js'
import {findProfile, looksLikeFile, profileNameOf} from './find-profile.js'
import type {ProfileHost} from './host.js'
import {parseYamlProfile, type ParsedProfile} from './parse-yaml.js'
import type {Diagnostic, Layer, MacroEnv, Rule, Span} from './types.js'

/** Parses one file of a front end; the Firejail front end registers itself for its extensions. */
export type FileParser = (file: string, text: string, env: MacroEnv, host: ProfileHost) => ParsedProfile

const parsers: {test: RegExp; parse: FileParser}[] = [{test: /\.ya?ml$/, parse: (file, text, env) => parseYamlProfile(file, text, env)}]

/** Add a front end for files whose name matches `test`. */
export function registerParser(test: RegExp, parse: FileParser): void {
  parsers.unshift({test, parse})
}

/** The result of loading: layers lowest first, every diagnostic, and every file the policy came from. */
export interface LoadedProfile {
  readonly name: string
  readonly file: string
  readonly layers: readonly Layer[]
  readonly diagnostics: readonly Diagnostic[]
  /** Files read (for watching and for printing diagnostics), with their text. */
  readonly sources: ReadonlyMap<string, string>
  /** The local override path, whether or not it exists yet. */
  readonly localFile: string
}

/** Load a profile by name or file; never throws for problems in profiles, it reports them. */
export function loadProfile(target: string, host: ProfileHost): LoadedProfile {
  const sources = new Map<string, string>()
  const diagnostics: Diagnostic[] = []
  const layers: Layer[] = []
  const remembered: Rule[] = []
  const name = looksLikeFile(target) ? profileNameOf(target) : target
  const localFile = join(host.configDir, 'local', `${name}.yaml`)
  const file = findProfile(target, host)
  if (!file) {
    diagnostics.push(diagnostic('UNKNOWN_PROFILE', looksLikeFile(target)
      ? `no profile file "${target}"`
      : `no profile named "${target}" on the profile path (${host.searchPath.join(':')})`))
    return {name, file: target, layers, diagnostics, sources, localFile}
  }

  const visited = new Set<string>()
  const visit = (path: string, stack: readonly {file: string; site?: Span}[], kind: Layer['kind']): void => {
    visited.add(path)
    const parsed = parseFile(path, host, sources)
    const includedFrom = stack.map((s) => s.site).filter((s): s is Span => s !== undefined).reverse()
    for (const d of parsed.diagnostics) diagnostics.push(includedFrom.length ? {...d, includedFrom} : d)
    for (const inc of parsed.includes) {
      const target = findInclude(inc.name, path, host)
      if (!target) {
        diagnostics.push({...diagnostic('MISSING_INCLUDE', `included profile "${inc.name}" not found on the profile path`, inc.span), ...(includedFrom.length ? {includedFrom} : {})})
        continue
      }
      if (target === path || stack.some((s) => s.file === target)) {
        const chain = [...stack.map((s) => profileNameOf(s.file)), profileNameOf(path), profileNameOf(target)].join(' -> ')
        diagnostics.push({...diagnostic('INCLUDE_CYCLE', `include cycle: ${chain}`, inc.span), ...(includedFrom.length ? {includedFrom} : {})})
        continue
      }
      if (visited.has(target)) continue
      visit(target, [...stack, {file: path, site: inc.span}], 'include')
    }
    remembered.push(...parsed.remember)
    layers.push({kind, name: profileNameOf(path), file: path, rules: parsed.rules, noblacklist: parsed.noblacklist, settings: parsed.settings})
  }
  visit(file, [], 'profile')

  if (host.exists(localFile) && !visited.has(localFile)) visit(localFile, [], 'local')
  if (remembered.length > 0) {
    layers.push({kind: 'remember', name: 'remembered answers', file, rules: remembered, noblacklist: [], settings: {}})
  }
  return {name, file, layers, diagnostics, sources, localFile}
}

function parseFile(path: string, host: ProfileHost, sources: Map<string, string>): ParsedProfile {
  let text: string
  try {
    text = host.readFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    return {file: path, includes: [], settings: {}, rules: [], noblacklist: [], remember: [], diagnostics: [diagnostic('UNREADABLE', `cannot read ${path}: ${reason}`)]}
  }
  sources.set(path, text)
  const parser = parsers.find((p) => p.test.test(path))
  if (!parser) {
    return {file: path, includes: [], settings: {}, rules: [], noblacklist: [], remember: [], diagnostics: [diagnostic('UNKNOWN_FORMAT', `${path}: not a profile file (.yaml or .profile)`)]}
  }
  const parsed = parser.parse(path, text, host.env, host)
  for (const [file, source] of parsed.extraSources ?? []) sources.set(file, source)
  return parsed
}

/** Includes of YAML profiles are names on the profile path. */
function findInclude(name: string, _from: string, host: ProfileHost): string | undefined {
  return findProfile(name, host)
}
