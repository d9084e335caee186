import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from './text-bytes.js';

describe('decodeText and encodeText', () => {
  it.each([
    ['Latin-1 é', [0x63, 0x61, 0x66, 0xe9], 'caf\udce9'],
    ['UTF-8 é', [0x63, 0xc3, 0xa9], 'cé'],
    ['a BOM', [0xef, 0xbb, 0xbf, 0x46], '\ufeffF'],
    ['an overlong /', [0xc0, 0xaf], '\udcc0\udcaf'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    ['a cut sequence', [0xe2, 0x82], '\udce2\udc82'],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\udcf4\udc90\udc80\udc80'],
    ['an emoji', [0xf0, 0x9f, 0x98, 0x80], '😀'],
    ['UTF-16LE', [0xff, 0xfe, 0x46, 0x00], '\udcff\udcfeF\0'],
  ])('%s', (_, bytes, text) => {
    expect(decodeText(Uint8Array.from(bytes))).toBe(text);
    expect([...encodeText(text)]).toEqual(bytes);
  });

  it('gives back every byte sequence exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(encodeText(decodeText(bytes)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 5000, interruptAfterTimeLimit: 3000, markInterruptAsFailure: false },
    );
  }, 30_000);

  it('decodes valid UTF-8 as TextDecoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 3000, markInterruptAsFailure: false },
    );
  }, 30_000);
});
