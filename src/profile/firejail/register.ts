// The Firejail front end registers itself with the loader here.
export {}
