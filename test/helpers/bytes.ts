// Node's Buffers as the plain Uint8Arrays that the fs, TextDecoder and our own signatures are typed
// with (under @types/node 20 and TypeScript 5.9 a Buffer is not assignable to one), and comparable
// with deepEqual whichever produced them.
export function bytesOf(buffer: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(buffer);
}
