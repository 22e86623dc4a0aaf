import assert from 'node:assert/strict';
import {
  formatBody,
  formatBytes,
  formatDuration,
  PREVIEW_CHARS,
  previewBody,
} from '../../../../src/core/runner/bodyPreview';

describe('previewBody', () => {
  it('pretty-prints JSON and keeps small bodies whole', () => {
    const preview = previewBody('{"a":[1,2]}', 'application/json; charset=utf-8');
    assert.equal(preview.text, '{\n  "a": [\n    1,\n    2\n  ]\n}');
    assert.equal(preview.language, 'json');
    assert.equal(preview.pretty, true);
    assert.equal(preview.truncated, false);
  });

  it('shows bodies that are not JSON as they came', () => {
    assert.deepEqual(formatBody('{broken', 'application/json'), {
      text: '{broken',
      language: 'text',
      pretty: false,
    });
    assert.equal(formatBody('<html></html>', 'text/html').language, 'html');
    assert.equal(formatBody('[1]', undefined).language, 'json');
  });

  it('cuts a 5 MB body to a preview of about 256 KB, quickly', () => {
    const items = Array.from({ length: 90_000 }, (_, i) => ({
      deviceId: `R58M${i}`,
      model: 'SM-G991B',
      status: 'Accepted',
    }));
    const body = JSON.stringify({ deviceList: items });
    assert.ok(body.length >= 5 * 1024 * 1024);
    const started = performance.now();
    const preview = previewBody(body, 'application/json');
    const elapsed = performance.now() - started;
    assert.equal(preview.truncated, true);
    assert.ok(preview.text.length <= PREVIEW_CHARS && preview.text.length > PREVIEW_CHARS * 0.9);
    assert.ok(preview.text.endsWith(','), 'cut at a line break');
    assert.ok(preview.totalChars > body.length);
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });
});

describe('formatBytes and formatDuration', () => {
  it('write sizes and times for people', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
    assert.equal(formatDuration(85.4), '85 ms');
    assert.equal(formatDuration(1240), '1.24 s');
  });
});
