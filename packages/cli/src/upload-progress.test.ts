import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytes, uploadProgressLine } from './upload-progress.js';

describe('uploadProgressLine', () => {
  it('redraws one line with bytes, percent, rate and time left, and closes each upload with a line', () => {
    const written: string[] = [];
    let clock = 1_000;
    const line = uploadProgressLine({ isTTY: true, write: (text: string) => written.push(text) > 0 }, () => clock);
    assert.ok(line);
    const MiB = 1024 * 1024;
    line({ field: 'code', sent: 0, total: 10 * MiB });
    clock += 1_000;
    line({ field: 'code', sent: 2 * MiB, total: 10 * MiB });
    clock += 50;
    line({ field: 'code', sent: 2.1 * MiB, total: 10 * MiB }); // within the redraw interval: not drawn
    clock += 3_950;
    line({ field: 'code', sent: 10 * MiB, total: 10 * MiB });
    assert.deepEqual(written, [
      '\r\x1b[KUploading code: 0 B of 10.0 MiB (0%), 0 B/s',
      '\r\x1b[KUploading code: 2.0 MiB of 10.0 MiB (20%), 2.0 MiB/s, 4 s left',
      '\r\x1b[KUploaded code: 10.0 MiB in 5.0 s (2.0 MiB/s)\n',
    ]);
  });

  it('is absent when the stream is not a terminal', () => {
    assert.equal(uploadProgressLine({ isTTY: false, write: () => true }), undefined);
  });

  it('writes sizes in binary units', () => {
    assert.deepEqual([bytes(820), bytes(1536), bytes(3 * 1024 ** 3)], ['820 B', '1.5 KiB', '3.0 GiB']);
  });
});
