// The profile front ends' window on the machine: file reads, the macro values, the search path.
import {readFileSync, readdirSync, realpathSync, statSync, type Dirent} from 'node:fs'
import {globBase, globToRegExp} from './glob.js'
import {homedir, tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {MacroEnv} from './types.js'

export interface ProfileHost {
  readonly env: MacroEnv
  /** Directories searched for profiles by name, in order. */
  readonly searchPath: readonly string[]
  /** `<config>`: $LANDJAIL_CONFIG_DIR, else ${XDG_CONFIG_HOME:-~/.config}/landjail. */
  readonly configDir: string
  /** Firejail's own directories, searched by Firejail `include` lines. */
  readonly firejailDirs: readonly string[]
  readFile(path: string): string
  exists(path: string): boolean
  listDir(path: string): readonly string[]
}

/** The package root (where profiles/ and dist/ live). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const SHIPPED_PROFILES = join(PACKAGE_ROOT, 'profiles')

/** The config directory for an environment. */
export function configDirOf(env: NodeJS.ProcessEnv, home: string): string {
  if (env.LANDJAIL_CONFIG_DIR) return env.LANDJAIL_CONFIG_DIR
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'landjail')
}

/** Read ~/.config/user-dirs.dirs for the XDG user directories (DOWNLOADS, ...), with the usual defaults. */
export function xdgUserDirs(home: string, configHome: string): Record<string, string> {
  const dirs: Record<string, string> = {
    DESKTOP: join(home, 'Desktop'), DOCUMENTS: join(home, 'Documents'), DOWNLOADS: join(home, 'Downloads'),
    MUSIC: join(home, 'Music'), PICTURES: join(home, 'Pictures'), VIDEOS: join(home, 'Videos'),
    TEMPLATES: join(home, 'Templates'), PUBLICSHARE: join(home, 'Public'),
  }
  let text = ''
  try {
    text = readFileSync(join(configHome, 'user-dirs.dirs'), 'utf8')
  } catch {
    return dirs
  }
  for (const m of text.matchAll(/^XDG_([A-Z]+)_DIR="([^"]*)"/gm)) {
    const [, name, value] = m as unknown as [string, string, string]
    if (name in dirs) dirs[name] = value.replace(/^\$HOME/, home)
  }
  return dirs
}

/** The macro values for this user and working directory. */
export function macroEnvOf(env: NodeJS.ProcessEnv, cwd: string): MacroEnv {
  const home = env.HOME || homedir()
  const uid = process.getuid?.() ?? 0
  const configHome = env.XDG_CONFIG_HOME || join(home, '.config')
  return {
    HOME: home,
    RUNUSER: env.XDG_RUNTIME_DIR || `/run/user/${uid}`,
    TMPDIR: env.TMPDIR || tmpdir(),
    PWD: cwd,
    CFG: '/etc/firejail',
    ...xdgUserDirs(home, configHome),
  }
}

/** A host backed by this process's environment and the real file system. */
export function nodeProfileHost(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ProfileHost {
  const macros = macroEnvOf(env, cwd)
  const configDir = configDirOf(env, macros.HOME)
  const firejailDirs = [join(macros.HOME, '.config', 'firejail'), '/etc/firejail']
  const searchPath = [
    ...(env.LANDJAIL_PROFILE_PATH ? env.LANDJAIL_PROFILE_PATH.split(':').filter(Boolean) : []),
    join(configDir, 'profiles'),
    '/etc/landjail/profiles',
    SHIPPED_PROFILES,
    ...firejailDirs,
  ]
  return {
    env: macros,
    searchPath,
    configDir,
    firejailDirs,
    readFile: (path) => readFileSync(path, 'utf8'),
    exists: (path) => {
      try {
        statSync(path)
        return true
      } catch {
        return false
      }
    },
    listDir: (path) => {
      try {
        return readdirSync(path)
      } catch {
        return []
      }
    },
  }
}

/** Symlinks resolved in the longest existing prefix of `path`; the rest kept as written. */
export function canonicalPath(path: string): string {
  let prefix = path
  let rest = ''
  for (;;) {
    try {
      const real = realpathSync(prefix)
      return rest ? (real === '/' ? rest : real + rest) : real
    } catch {
      if (prefix === '/' || prefix === '') return path
      const cut = prefix.lastIndexOf('/')
      rest = prefix.slice(cut) + rest
      prefix = cut <= 0 ? '/' : prefix.slice(0, cut)
    }
  }
}

/** How many directory entries one glob may visit before the walk stops. */
const GLOB_VISIT_LIMIT = 50_000

/** The file-system questions lowering asks, answered from this machine. */
export function nodeFsView(): {kind(path: string): 'dir' | 'file' | 'missing'; glob(pattern: string): string[]; list(dir: string): string[]} {
  const kind = (path: string): 'dir' | 'file' | 'missing' => {
    try {
      return statSync(path).isDirectory() ? 'dir' : 'file'
    } catch {
      return 'missing'
    }
  }
  return {
    kind,
    list(dir) {
      try {
        return readdirSync(dir, {withFileTypes: true}).filter((e) => !e.isSymbolicLink()).map((e) => e.name).sort()
      } catch {
        return []
      }
    },
    glob(pattern) {
      const re = globToRegExp(pattern)
      const out: string[] = []
      const depthLimit = pattern.includes('**') ? 64 : pattern.split('/').length - 1
      let visits = 0
      const walk = (dir: string, depth: number) => {
        if (depth >= depthLimit || visits > GLOB_VISIT_LIMIT) return
        let entries: Dirent[]
        try {
          entries = readdirSync(dir, {withFileTypes: true})
        } catch {
          return
        }
        for (const e of entries) {
          visits++
          const full = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`
          if (re.test(full)) out.push(full)
          if (e.isDirectory()) walk(full, depth + 1)
        }
      }
      const base = globBase(pattern)
      walk(base, base === '/' ? 0 : base.split('/').length - 1)
      return out.sort()
    },
  }
}
