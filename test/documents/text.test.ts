// Plain-text reports as bytes: what is read, what is refused, and that writing back changes nothing
// but the text that changed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeText, encodeText, TextDecodeError } from '../../server/src/documents/text';
import { bytesOf } from '../helpers/bytes';

const encode = (text: string, encoding: string, addBOM = false): Uint8Array => bytesOf(iconv.encode(text, encoding, { addBOM }));
const utf8 = (text: string) => bytesOf(Buffer.from(text, 'utf8'));

const sample = '青禾县人民政府办公室\n2024年政府信息公开工作年度报告\n一、总体情况\n全年收到申请12件。𠀀\n';

describe('decodeText', () => {
  const cases: [string, Uint8Array, object][] = [
    ['UTF-8', utf8(sample), { encoding: 'utf-8', bom: false, lineBreak: '\n' }],
    ['UTF-8 with BOM', bytesOf([0xef, 0xbb, 0xbf, ...utf8(sample)]), { encoding: 'utf-8', bom: true, lineBreak: '\n' }],
    ['GB18030', encode(sample, 'gb18030'), { encoding: 'gb18030', bom: false, lineBreak: '\n' }],
    ['UTF-16 LE', encode(sample, 'utf-16le', true), { encoding: 'utf-16le', bom: true, lineBreak: '\n' }],
    ['UTF-16 BE', encode(sample, 'utf-16be', true), { encoding: 'utf-16be', bom: true, lineBreak: '\n' }],
    ['CRLF', utf8(sample.replace(/\n/g, '\r\n')), { encoding: 'utf-8', bom: false, lineBreak: '\r\n' }],
    ['CR', utf8(sample.replace(/\n/g, '\r')), { encoding: 'utf-8', bom: false, lineBreak: '\r' }],
  ];
  for (const [name, bytes, form] of cases) {
    test(`${name}: the text, with line feeds, and its form`, () => {
      const decoded = decodeText(bytes);
      assert.equal(decoded.text, sample);
      assert.deepEqual(decoded.form, form);
      assert.deepEqual(bytesOf(encodeText(decoded.text, decoded.form, bytes)), bytes, 'written back byte for byte');
    });
  }

  test('mixed line breaks are kept exactly as they are', () => {
    const mixed = '第一行\r\n第二行\n第三行\r第四行';
    const decoded = decodeText(utf8(mixed));
    assert.equal(decoded.text, mixed);
    assert.equal(decoded.form.lineBreak, undefined);
  });

  test('refusals say why', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        decodeText(bytes);
        return 'read';
      } catch (error) {
        assert.ok(error instanceof TextDecodeError);
        return error.reason.en;
      }
    };
    assert.match(reason(bytesOf([0x41, 0x00, 0x42])), /NUL/);
    assert.match(reason(encode(sample.repeat(5), 'big5')), /unknown text encoding/);
    assert.match(reason(bytesOf([0xff, 0xfe, 0x00, 0xd8])), /not valid UTF-16/);
  });
});

describe('encodeText', () => {
  test('a fixed text is written in the file’s encoding, its line break used for new lines too', () => {
    const bytes = encode(sample.replace(/\n/g, '\r\n'), 'gb18030');
    const { text, form } = decodeText(bytes);
    const fixed = text.replace('12件', '13件\n（已更正）');
    assert.deepEqual(bytesOf(encodeText(fixed, form, bytes)), encode(fixed.replace(/\n/g, '\r\n'), 'gb18030'));
  });

  test('a file whose bytes would not come back identical is refused, not silently re-encoded', () => {
    // 0x80 reads as € in GB18030 but € is written as A2 E3: writing would change a byte nobody fixed.
    const bytes = bytesOf([...encode(sample + '价格', 'gb18030'), 0x80, ...encode('元\n', 'gb18030')]);
    const { text, form } = decodeText(bytes);
    assert.throws(() => encodeText(text.replace('价格', '价钱'), form, bytes), TextDecodeError);
  });

  test('a character the encoding cannot hold is refused', () => {
    assert.throws(() => encodeText('\uD800', { encoding: 'utf-8', bom: false }), TextDecodeError);
    assert.throws(() => encodeText('\uD800', { encoding: 'gb18030', bom: false }), TextDecodeError);
  });
});
