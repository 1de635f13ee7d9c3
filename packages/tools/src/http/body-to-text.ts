import { convert } from 'html-to-text';
import { looksBinary } from '../shared/detect-binary.js';

/** The body of a response as text for the model, or a note saying why it is not shown. */
export interface BodyText {
  text: string;
  /** `html` when converted from HTML, `text` for other text, `binary` when only described. */
  kind: 'html' | 'text' | 'binary';
}

const textTypes =
  /^(text\/|application\/(json|xml|xhtml\+xml|javascript|ecmascript|x-ndjson|yaml|x-yaml|csv|rss\+xml|atom\+xml|ld\+json|problem\+json|[\w.+-]+\+(json|xml)))/;

/**
 * Turns a response body into text: HTML becomes readable text (headings, lists, tables and link
 * targets kept; scripts, styles and images dropped) through `html-to-text`; other text types are
 * decoded with their declared charset; anything else is described, not shown.
 */
export function bodyToText(body: Buffer, contentType: string): BodyText {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const isHtml = mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
  const declaredText = mediaType === '' || textTypes.test(mediaType);
  // A declared charset may legitimately not be UTF-8, so only a NUL byte marks declared text as binary.
  const binary = !declaredText || (mediaType === '' ? looksBinary(body) : body.subarray(0, 8192).includes(0));
  if (binary) {
    return {
      text: `(binary content, ${body.length} bytes of ${mediaType || 'unknown type'}; not shown)`,
      kind: 'binary',
    };
  }
  const charset =
    /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1] ?? (isHtml ? metaCharset(body) : undefined);
  const text = decode(body, charset);
  if (!isHtml) return { text, kind: 'text' };
  return {
    kind: 'html',
    text: convert(text, {
      wordwrap: false,
      selectors: [
        { selector: 'img', format: 'skip' },
        { selector: 'nav', format: 'skip' },
        { selector: 'a', options: { ignoreHref: false, hideLinkHrefIfSameAsText: true, noAnchorUrl: true } },
      ],
    }).trim(),
  };
}

/** The charset an HTML page declares in a `<meta>` tag near its start, when the header gives none. */
function metaCharset(body: Buffer): string | undefined {
  const head = body.subarray(0, 2048).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

function decode(body: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
