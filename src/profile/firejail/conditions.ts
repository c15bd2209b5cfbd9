// The `?CONDITION: line` switches of Firejail profiles and the value landjail gives each.

/**
 * Firejail sets these from command-line options (--appimage, --net, --nodbus, --nosound, --private,
 * --x11) or from firejail.config (browser-disable-u2f, browser-allow-drm, allow-tray). landjail has
 * none of those options, so each takes Firejail's default.
 */
export const CONDITIONS: Readonly<Record<string, {readonly value: boolean; readonly why: string}>> = {
  HAS_APPIMAGE: {value: false, why: 'no --appimage option'},
  HAS_NET: {value: false, why: 'no --net option'},
  HAS_NODBUS: {value: false, why: 'no --nodbus option'},
  HAS_NOSOUND: {value: false, why: 'no --nosound option'},
  HAS_PRIVATE: {value: false, why: 'no --private option'},
  HAS_X11: {value: false, why: 'no --x11 option'},
  ALLOW_TRAY: {value: false, why: 'firejail.config default: allow-tray no'},
  BROWSER_DISABLE_U2F: {value: true, why: 'firejail.config default: browser-disable-u2f yes'},
  BROWSER_ALLOW_DRM: {value: false, why: 'firejail.config default: browser-allow-drm no'},
}

export const CONDITION_NAMES: readonly string[] = Object.keys(CONDITIONS)
