import * as assert from 'node:assert/strict';
import { checkBaseUrl } from '../../src/core';

describe('feed base URL setting', () => {
  for (const ok of [
    'https://huggingface.co',
    'https://hf-mirror.example.org/',
    'http://127.0.0.1:8123',
    'http://localhost:9000',
    'http://[::1]:8080',
  ]) {
    it(`accepts ${ok}`, () => {
      const r = checkBaseUrl(ok);
      assert.ok(r.ok);
      assert.ok(!r.url.endsWith('/'));
    });
  }
  for (const bad of [
    'http://huggingface.co',
    'http://192.168.1.10:8080',
    'ftp://huggingface.co',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://user:pw@huggingface.co',
    'https://huggingface.co/?token=x',
    'not a url',
    '',
  ]) {
    it(`refuses ${JSON.stringify(bad)} with a reason`, () => {
      const r = checkBaseUrl(bad);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.reason.length > 10);
    });
  }
});
