/**
 * Bad input from the user: an input or option value, a `--host-facts` file, a source pattern or match outside the
 * working directory. The local command exits 2 (bad usage) for it, 1 for anything else; the message is one line
 * naming the input and the accepted forms.
 */
export class InputError extends Error {
  override name = 'InputError'
}
