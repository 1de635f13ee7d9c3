import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.js';
import { checkUrl, type UrlPolicyOptions } from './check-url.js';

const reasonFor = (url: string, policy: UrlPolicyOptions = {}, allowLoopback = false) => {
  const check = checkUrl(url, policy, createAddressPolicy({ allowLoopback }));
  return check.ok ? 'ok' : check.reason;
};

describe('checkUrl refuses before connecting', () => {
  it.each([
    ['file:///etc/passwd', 'the scheme "file:" is not allowed; only http and https URLs can be fetched'],
    ['ftp://example.com/x', 'the scheme "ftp:" is not allowed; only http and https URLs can be fetched'],
    [
      'gopher://example.com:70/_x',
      'the scheme "gopher:" is not allowed; only http and https URLs can be fetched',
    ],
    [
      'javascript:alert(1)',
      'the scheme "javascript:" is not allowed; only http and https URLs can be fetched',
    ],
    ['data:text/plain,hi', 'the scheme "data:" is not allowed; only http and https URLs can be fetched'],
    ['example.com/page', 'the URL has no scheme; write it in full, like https://example.com/page'],
    ['http:example.com', 'write the URL in full, like https://example.com/page'],
    ['http://exa mple.com/', 'the URL contains whitespace or control characters; percent-encode them'],
    ['http://example.com/\n', 'the URL contains whitespace or control characters; percent-encode them'],
  ])('refuses %j', (url, reason) => {
    expect(reasonFor(url)).toBe(reason);
  });

  it.each([
    'http://good.com@127.0.0.1/',
    'http://user:secret@example.com/',
    'http://@example.com/',
    'http://a@b@example.com/',
  ])('refuses the userinfo trick %j', (url) => {
    expect(reasonFor(url)).toBe(
      'URLs with a user name or password (`user@host`) are refused; remove the part before @',
    );
  });

  it.each([
    ['http://2130706433/', '2130706433'],
    ['http://0177.0.0.1/', '0177.0.0.1'],
    ['http://0x7f.1/', '0x7f.1'],
    ['http://0x7f000001/', '0x7f000001'],
    ['http://127.1/', '127.1'],
    ['http://127.0.0.1./', '127.0.0.1.'],
    ['http://%31%32%37.0.0.1/', '%31%32%37.0.0.1'],
  ])('refuses the odd IP spelling %j even when loopback is allowed', (url, written) => {
    expect(reasonFor(url, {}, true)).toBe(
      `the host "${written}" is an unusual spelling of the IP address 127.0.0.1; write 127.0.0.1 if you mean it`,
    );
  });

  it('refuses IP-literal hosts the address policy refuses', () => {
    expect(reasonFor('http://127.0.0.1/')).toBe(
      '127.0.0.1 is a loopback address (this machine); only public addresses can be fetched',
    );
    expect(reasonFor('http://[::ffff:7f00:1]/')).toBe(
      '::ffff:7f00:1 is an IPv4-mapped or IPv4-compatible IPv6 address; only public addresses can be fetched',
    );
    expect(reasonFor('http://169.254.169.254/latest/meta-data/')).toBe(
      '169.254.169.254 is a cloud metadata address; only public addresses can be fetched',
    );
  });

  it('allows only ports 80 and 443 unless told otherwise', () => {
    expect(reasonFor('http://example.com:8080/')).toBe('port 8080 is not allowed (allowed: 80, 443)');
    expect(reasonFor('https://example.com:443/')).toBe('ok');
    expect(reasonFor('http://example.com:8080/', { allowPorts: [8080] })).toBe('ok');
    expect(reasonFor('http://example.com:22/', { allowPorts: 'any' })).toBe('ok');
  });

  it('applies allow and deny lists with wildcard subdomains, deny first', () => {
    const policy = { allowHosts: ['*.example.com', 'example.org'], denyHosts: ['admin.example.com'] };
    expect(reasonFor('https://docs.example.com/', policy)).toBe('ok');
    expect(reasonFor('https://a.b.example.com/', policy)).toBe('ok');
    expect(reasonFor('https://EXAMPLE.org./', policy)).toBe('ok');
    expect(reasonFor('https://example.com/', policy)).toBe(
      'the host example.com is not on the allow list (*.example.com, example.org)',
    );
    expect(reasonFor('https://evilexample.com/', policy)).toBe(
      'the host evilexample.com is not on the allow list (*.example.com, example.org)',
    );
    expect(reasonFor('https://admin.example.com/', policy)).toBe(
      'the host admin.example.com is on the deny list (admin.example.com)',
    );
  });
});
