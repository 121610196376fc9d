import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BLOB_FOLDER, blobPath, formatBlobRef, hasUriScheme, parseBlobRef } from './blob-ref.js';

const SHA = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);

describe('blob references', () => {
  it('a folder snapshot round-trips through format and parse', () => {
    const text = formatBlobRef({ sha256: SHA });
    assert.equal(text, `blob://${SHA}`);
    assert.deepEqual(parseBlobRef(text), { sha256: SHA });
  });

  it('a single-file snapshot keeps its file name through the round trip', () => {
    const text = formatBlobRef({ sha256: SHA, file: 'iris.csv' });
    assert.equal(text, `blob://${SHA}/iris.csv`);
    assert.deepEqual(parseBlobRef(text), { sha256: SHA, file: 'iris.csv' });
  });

  it('rejects . and .. as the file, and any nested path', () => {
    assert.equal(parseBlobRef(`blob://${SHA}/..`), undefined);
    assert.equal(parseBlobRef(`blob://${SHA}/.`), undefined);
    assert.equal(parseBlobRef(`blob://${SHA}/../etc/passwd`), undefined);
    assert.equal(parseBlobRef(`blob://${SHA}/a/b.csv`), undefined);
    assert.equal(parseBlobRef(`blob://${SHA}/a\\b.csv`), undefined);
    assert.equal(parseBlobRef(`blob://${SHA}/`), undefined);
  });

  it('rejects digests that are not 64 lowercase hex characters', () => {
    assert.equal(parseBlobRef(`blob://${SHA.slice(1)}`), undefined);
    assert.equal(parseBlobRef(`blob://${SHA}0`), undefined);
    assert.equal(parseBlobRef(`blob://${SHA.toUpperCase()}`), undefined);
    assert.equal(parseBlobRef(`blob://${'g'.repeat(64)}`), undefined);
  });

  it('rejects anything that is not a blob URI', () => {
    for (const text of ['', SHA, `blob:${SHA}`, `https://${SHA}`, `./blob://${SHA}`, ` blob://${SHA}`]) {
      assert.equal(parseBlobRef(text), undefined, text);
    }
  });

  it('hasUriScheme tells URIs from local paths', () => {
    for (const uri of ['azureml:x:1', 'azureml://datastores/ds/paths/p', 'https://example.com/d.csv', `blob://${SHA}`]) {
      assert.equal(hasUriScheme(uri), true, uri);
    }
    for (const path of ['./data', 'data/x.csv', '../data/iris.csv', '/abs/path', 'src', '']) {
      assert.equal(hasUriScheme(path), false, path);
    }
  });
});

describe('blob layout', () => {
  it('a blob lies under sha256/, in a folder named by its first two hex digits', () => {
    assert.equal(blobPath(SHA), `sha256/aa/${SHA}`);
    assert.equal(BLOB_FOLDER, 'blobs');
  });
});
