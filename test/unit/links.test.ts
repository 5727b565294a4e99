import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkLink,
  isAllowedImage,
  isAllowedLink,
  linkRefusalReason,
  projectPageHost,
  type LinkRefusalCode,
} from '../../src/core/view/linkPolicy';

const withProject = (project: string) => ({ links: { project } });

describe('link allow-list', () => {
  describe('allows https to the known hosts', () => {
    const allowed = [
      'https://huggingface.co/papers/1706.03762',
      'https://arxiv.org/abs/1706.03762',
      'https://arxiv.org/pdf/1706.03762',
      'https://export.arxiv.org/abs/1706.03762',
      'https://www.arxiv.org/abs/1706.03762v2',
      'https://github.com/tensorflow/tensor2tensor',
      'https://github.com/owner/repo?tab=readme#usage',
      'HTTPS://HuggingFace.co/papers/x',
      'https://huggingface.co:443/papers/x',
      'https://huggingface.co/papers/x@y',
    ];
    for (const url of allowed) {
      it(url, () => {
        assert.equal(isAllowedLink(url), true, linkRefusalReason(url)?.message);
      });
    }
  });

  describe('refuses, with the reason', () => {
    const refused: [string, LinkRefusalCode][] = [
      ['javascript:alert(1)', 'scheme'],
      ['JavaScript:alert(1)', 'scheme'],
      ['data:text/html,<script>alert(1)</script>', 'scheme'],
      ['vscode:extension/evil.ext', 'scheme'],
      ['command:workbench.action.terminal.new', 'scheme'],
      ['file:///etc/passwd', 'scheme'],
      ['http://arxiv.org/abs/1706.03762', 'scheme'],
      ['ftp://arxiv.org/x', 'scheme'],
      ['vbscript:msgbox(1)', 'scheme'],
      [' javascript:alert(1)', 'characters'],
      ['https://huggingface.co@evil.com/', 'credentials'],
      ['https://user:pass@github.com/x', 'credentials'],
      ['https://@github.com/x', 'credentials'],
      ['https://github.com:8443/x', 'port'],
      ['https://evil.com/papers/1706.03762', 'host'],
      ['https://huggingface.co.evil.com/x', 'host'],
      ['https://evilhuggingface.co/x', 'host'],
      ['https://sub.github.com/x', 'host'],
      ['https://huggingface.co./x', 'host'],
      ['https://127.0.0.1/x', 'host'],
      ['https://[::1]/x', 'host'],
      ['https://localhost/x', 'host'],
      ['https://hսggingface.co/x', 'characters'], // Armenian "ս" in place of "u"
      ['https://аrxiv.org/abs/1', 'characters'], // Cyrillic "а"
      ['https://xn--rxiv-53d.org/abs/1', 'characters'], // punycode spelling of a look-alike
      ['https://github.com/x\u202Egnp.exe', 'characters'], // right-to-left override
      ['https://git\u200Bhub.com/x', 'characters'], // zero-width space
      ['https://github.com/a b', 'characters'],
      ['https://github.com/\tx', 'characters'],
      ['https:\\\\github.com\\x', 'characters'],
      ['https:github.com/x', 'malformed'],
      ['https:///github.com/x', 'malformed'],
      ['//github.com/x', 'malformed'],
      ['github.com/x', 'malformed'],
      ['', 'malformed'],
      [`https://github.com/${'a'.repeat(3000)}`, 'malformed'],
    ];
    for (const [url, code] of refused) {
      it(`${JSON.stringify(url.slice(0, 60))} (${code})`, () => {
        assert.equal(isAllowedLink(url), false);
        const reason = linkRefusalReason(url);
        assert.equal(reason?.code, code);
        assert.ok(reason && reason.message.length > 0);
      });
    }

    it('anything that is not a string', () => {
      for (const value of [undefined, null, 42, {}, ['https://github.com']]) {
        assert.equal(isAllowedLink(value), false);
      }
    });
  });

  describe("the paper's project page", () => {
    it('allows the project page host for that paper only', () => {
      const paper = withProject('https://tensor2tensor.github.io/');
      assert.equal(isAllowedLink('https://tensor2tensor.github.io/docs', paper), true);
      assert.equal(isAllowedLink('https://tensor2tensor.github.io/docs'), false);
      assert.equal(
        isAllowedLink('https://tensor2tensor.github.io/docs', withProject('https://other.example.org/')),
        false,
      );
    });

    it('does not widen to subdomains or look-alikes of the project host', () => {
      const paper = withProject('https://proj.example.org/');
      assert.equal(isAllowedLink('https://x.proj.example.org/', paper), false);
      assert.equal(isAllowedLink('https://proj.example.org.evil.com/', paper), false);
    });

    it('ignores a project page that is not itself safe https', () => {
      for (const project of [
        'http://proj.example.org/',
        'https://a@proj.example.org/',
        'https://proj.example.org:8080/',
        'javascript:alert(1)',
        'https://10.0.0.1/',
      ]) {
        assert.equal(projectPageHost(withProject(project)), undefined, project);
      }
      assert.equal(isAllowedLink('http://proj.example.org/', withProject('http://proj.example.org/')), false);
    });

    it('still refuses non-https to the project host', () => {
      const paper = withProject('https://proj.example.org/');
      assert.equal(linkRefusalReason('http://proj.example.org/', paper)?.code, 'scheme');
    });
  });

  describe('the URL to open', () => {
    it('is the normalised form of what was checked', () => {
      const check = checkLink('HTTPS://GitHub.com:443/a/../b');
      assert.deepEqual(check, { ok: true, url: 'https://github.com/b' });
    });

    it('decodes a percent-encoded host before judging it', () => {
      assert.deepEqual(checkLink('https://%68uggingface.co/x'), { ok: true, url: 'https://huggingface.co/x' });
      assert.equal(isAllowedLink('https://huggingface.co%2eevil.com/x'), false);
    });
  });
});

describe('link allow-list properties', () => {
  it('accepts its own output again, unchanged (the page sends back what the model gave it)', () => {
    const part = fc.string({ unit: 'grapheme', maxLength: 40 });
    fc.assert(
      fc.property(
        fc.constantFrom('https://github.com/', 'https://arxiv.org/abs/', 'https://huggingface.co/papers/'),
        part,
        (base, rest) => {
          const first = checkLink(base + rest);
          if (!first.ok) return;
          assert.deepEqual(checkLink(first.url), first);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never allows a host outside the list, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const check = checkLink(s);
        if (!check.ok) return;
        assert.ok(
          ['huggingface.co', 'arxiv.org', 'export.arxiv.org', 'www.arxiv.org', 'github.com'].includes(
            new URL(check.url).hostname,
          ),
        );
        assert.ok(check.url.startsWith('https://'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('image allow-list', () => {
  it('allows Hugging Face hosts and their CDN subdomains over https', () => {
    assert.equal(isAllowedImage('https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/1706.03762.png'), true);
    assert.equal(isAllowedImage('https://huggingface.co/x.png'), true);
  });

  it('refuses other hosts, http, data: and look-alikes', () => {
    for (const url of [
      'https://evil.com/x.png',
      'http://huggingface.co/x.png',
      'data:image/png;base64,AAAA',
      'https://huggingface.co.evil.com/x.png',
      'https://evilhuggingface.co/x.png',
      'javascript:alert(1)',
    ]) {
      assert.equal(isAllowedImage(url), false, url);
    }
  });
});
