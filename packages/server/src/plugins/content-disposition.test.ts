import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachmentDisposition } from './content-disposition.js';

describe('attachmentDisposition', () => {
  it('keeps a printable ASCII name as a quoted filename', () => {
    assert.equal(attachmentDisposition('model.bin'), 'attachment; filename="model.bin"');
  });

  it("adds filename*=UTF-8'' with an ASCII fallback for any other name", () => {
    assert.equal(attachmentDisposition('模型.txt'), `attachment; filename="__.txt"; filename*=UTF-8''%E6%A8%A1%E5%9E%8B.txt`);
    assert.equal(attachmentDisposition('a"b\\c\r\n.txt'), `attachment; filename="a_b_c__.txt"; filename*=UTF-8''a%22b%5Cc%0D%0A.txt`);
  });

  it('yields a value Node accepts in a header for any name, lone surrogates included', () => {
    for (const name of ['模型.txt', 'é.csv', '\ud800x', "it's (1)*.txt", '\u0000\u007f']) {
      const value = attachmentDisposition(name);
      assert.doesNotThrow(() => new Headers({ 'content-disposition': value }), name);
      assert.match(value, /^[\x20-\x7e]+$/);
    }
  });
});
