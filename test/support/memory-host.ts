// A profile host over an in-memory map of files, for pure tests.
import {posix} from 'node:path'
import type {ProfileHost} from '../../src/profile/host.js'
import type {MacroEnv} from '../../src/profile/types.js'

export const TEST_ENV: MacroEnv = {
  HOME: '/home/ann', RUNUSER: '/run/user/1000', TMPDIR: '/tmp', PWD: '/home/ann/work', CFG: '/etc/firejail',
  DESKTOP: '/home/ann/Desktop', DOCUMENTS: '/home/ann/Documents', DOWNLOADS: '/home/ann/Downloads', MUSIC: '/home/ann/Music',
  PICTURES: '/home/ann/Pictures', VIDEOS: '/home/ann/Videos', TEMPLATES: '/home/ann/Templates', PUBLICSHARE: '/home/ann/Public',
}

/** Files live at their keys; profiles are searched in /profiles, then the Firejail dirs. */
export function memoryHost(files: Record<string, string>, env: MacroEnv = TEST_ENV): ProfileHost {
  return {
    env,
    searchPath: ['/profiles', '/home/ann/.config/firejail', '/etc/firejail'],
    configDir: '/home/ann/.config/landjail',
    firejailDirs: ['/home/ann/.config/firejail', '/etc/firejail'],
    readFile(path) {
      const text = files[path]
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), {code: 'ENOENT'})
      return text
    },
    exists: (path) => path in files,
    listDir: (dir) => Object.keys(files).filter((f) => posix.dirname(f) === dir).map((f) => posix.basename(f)),
  }
}
