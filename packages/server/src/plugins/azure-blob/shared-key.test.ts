import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signWithAccountKey } from '../../shared/service-sas.js';
import { sharedKeyStringToSign, signatureMatches } from './shared-key.js';

// The storage emulator's published account key (Azurite, the Azure Storage Emulator).
const EMULATOR_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tOlK50k0lK6YnTTxRzj3OmrbRw==';
const DATE = 'Sun, 11 Oct 2009 21:49:13 GMT';

describe('SharedKey string to sign', () => {
  it("builds Azure's documented canonicalized resource for Get Container Metadata", () => {
    // "Authorize with Shared Key": GET https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=metadata
    const text = sharedKeyStringToSign(
      {
        method: 'GET',
        headers: { 'x-ms-date': DATE, 'x-ms-version': '2009-09-19' },
        path: '/mycontainer',
        query: [
          ['restype', 'container'],
          ['comp', 'metadata'],
        ],
      },
      'myaccount',
    );
    assert.equal(text, `GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:${DATE}\nx-ms-version:2009-09-19\n/myaccount/mycontainer\ncomp:metadata\nrestype:container`);
  });

  it('joins the sorted values of a repeated query parameter with commas, as the documented List Blobs example', () => {
    const query: Array<[string, string]> = [
      ['restype', 'container'],
      ['comp', 'list'],
      ['include', 'snapshots'],
      ['include', 'metadata'],
      ['include', 'uncommittedblobs'],
    ];
    const text = sharedKeyStringToSign({ method: 'GET', headers: {}, path: '/mycontainer', query }, 'myaccount');
    assert.ok(text.endsWith('/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container'), text);
  });

  it('leaves Content-Length empty when it is 0 and orders x-ms- headers as the service does', () => {
    const headers = { 'content-length': '0', 'content-md5': 'Q2hlY2sgSW50ZWdyaXR5IQ==', 'x-ms-meta-a_b': '1', 'x-ms-meta-a1': '2', 'x-ms-date': DATE };
    const text = sharedKeyStringToSign({ method: 'put', headers, path: '/c/b.txt', query: [] }, 'acct');
    assert.equal(text, `PUT\n\n\n\nQ2hlY2sgSW50ZWdyaXR5IQ==\n\n\n\n\n\n\n\nx-ms-date:${DATE}\nx-ms-meta-a_b:1\nx-ms-meta-a1:2\n/acct/c/b.txt`);
  });

  it('signs with HMAC-SHA256 under the base64 account key, matching a signature azure-storage-blob made', () => {
    // Made with azure.storage.blob._shared.sign_string(EMULATOR_KEY, <the text below>).
    const text = `GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:${DATE}\nx-ms-version:2009-09-19\n/myaccount/mycontainer\ncomp:metadata\nrestype:container`;
    const expected = 'APUiO797cMbxoC3feWrkMOl/21TEBzkawFQeYseS0sc=';
    assert.equal(signWithAccountKey(EMULATOR_KEY, text), expected);
    assert.equal(signatureMatches(EMULATOR_KEY, text, expected), true);
    assert.equal(signatureMatches(EMULATOR_KEY, `${text}\n`, expected), false);
  });
});
