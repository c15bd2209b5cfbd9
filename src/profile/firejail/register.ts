// The Firejail front end registers itself with the loader for .profile, .inc and .local files.
import {registerParser} from '../load-profile.js'
import {parseFirejailProfile} from './parse-firejail.js'

registerParser(/\.(profile|inc|local)$/, parseFirejailProfile)
