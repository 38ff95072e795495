// A report is hostile input: its cell text reaches the reviewer's terminal and the CI log inside our
// messages. Control characters (an escape sequence can erase the lines above it, a carriage return
// can overwrite one) and the invisible bidirectional overrides (they reorder what is shown) are
// written as visible escapes; everything else is printed as it is.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
