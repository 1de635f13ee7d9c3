// @ts-check
import { h } from './render.js';

/** @param {string} name */
function kindOf(name) {
  if (name.startsWith('step ')) return 'step';
  if (name.startsWith('chat ')) return 'chat';
  if (name.startsWith('attempt ')) return 'attempt';
  if (name.startsWith('execute_tool')) return 'tool';
  return 'other';
}

/**
 * GenAI messages (`[{role, parts:[{type, content}]}]`) as readable text, or the raw value.
 * @param {unknown} value
 */
function messagesText(value) {
  if (typeof value !== 'string') return JSON.stringify(value, null, 2);
  try {
    const messages = JSON.parse(value);
    if (!Array.isArray(messages)) return value;
    return messages
      .map((message) => {
        const parts = Array.isArray(message.parts) ? message.parts : [];
        const text = parts
          .map((/** @type {any} */ part) =>
            typeof part.content === 'string' ? part.content : JSON.stringify(part.content ?? part),
          )
          .join('\n');
        return `[${message.role ?? '?'}]\n${text}`;
      })
      .join('\n\n');
  } catch {
    return value;
  }
}

const contentKeys = {
  'gen_ai.input.messages': 'Prompt',
  'gen_ai.output.messages': 'Answer',
  'gen_ai.tool.call.arguments': 'Tool arguments',
  'gen_ai.tool.call.result': 'Tool result',
};

/**
 * One span's attributes, events, and the prompt and answer when they were recorded.
 * @param {any} span
 */
function renderDetails(span) {
  const content = Object.entries(contentKeys)
    .filter(([key]) => span.attributes[key] !== undefined)
    .map(([key, label]) =>
      h(
        'div',
        {},
        h('h3', {}, label),
        h('pre', { class: 'content', 'data-testid': `content-${key}` }, messagesText(span.attributes[key])),
      ),
    );
  const attributes = Object.entries(span.attributes).filter(([key]) => !(key in contentKeys));
  return h(
    'div',
    { class: 'details', 'data-testid': 'span-details' },
    h(
      'h3',
      {},
      span.name,
      span.status === 'error' ? ` — error${span.statusMessage ? `: ${span.statusMessage}` : ''}` : '',
    ),
    h(
      'dl',
      {},
      h('dt', {}, 'duration'),
      h('dd', {}, `${span.durationMs.toFixed(1)} ms (from +${span.startMs.toFixed(1)} ms)`),
      ...attributes.flatMap(([key, value]) => [
        h('dt', {}, key),
        h('dd', {}, typeof value === 'string' ? value : JSON.stringify(value)),
      ]),
    ),
    span.events.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, 'Events'),
          h(
            'ul',
            {},
            ...span.events.map((/** @type {any} */ event) =>
              h(
                'li',
                {},
                `+${event.atMs.toFixed(1)} ms ${event.name} `,
                h('span', { class: 'muted' }, JSON.stringify(event.attributes)),
              ),
            ),
          ),
        )
      : null,
    ...content,
  );
}

/**
 * A row's spans as a waterfall: one line per span, indented by depth, its bar placed on the row's time.
 * Clicking a line shows that span's details below.
 * @param {{ rowId: string, spans: any[] }} trace
 */
export function renderWaterfall(trace) {
  const total = Math.max(1, ...trace.spans.map((span) => span.startMs + span.durationMs));
  const details = h('div', {});
  /** @type {HTMLElement | undefined} */
  let selected;
  const lines = trace.spans.map((span) => {
    const kind = kindOf(span.name);
    const bar = h('div', {
      class: `span-bar kind-${kind} ${span.status === 'error' ? 'error' : ''}`,
      style: `left:${(100 * span.startMs) / total}%;width:${(100 * span.durationMs) / total}%`,
      title: `${span.durationMs.toFixed(1)} ms`,
    });
    const track = h('div', { class: 'span-track' }, bar);
    for (const event of span.events) {
      track.append(
        h('div', { class: 'span-event', style: `left:${(100 * event.atMs) / total}%`, title: event.name }),
      );
    }
    const line = h(
      'div',
      {
        class: 'span-row',
        role: 'button',
        tabindex: 0,
        'data-testid': 'span',
        'data-kind': kind,
        'data-status': span.status,
        onclick: () => {
          selected?.setAttribute('aria-selected', 'false');
          selected = line;
          line.setAttribute('aria-selected', 'true');
          details.replaceChildren(renderDetails(span));
        },
      },
      h('div', { class: 'span-name', style: `padding-left:${span.depth * 1.1}rem` }, span.name),
      track,
    );
    return line;
  });
  // Open on the deepest failed span (the reason the row failed), else on the row itself.
  const failedSpans = trace.spans.filter((span) => span.status === 'error');
  const first = failedSpans.length > 0 ? failedSpans[failedSpans.length - 1] : trace.spans[0];
  if (first) details.replaceChildren(renderDetails(first));
  return h(
    'div',
    { 'data-testid': 'waterfall', 'data-row': trace.rowId },
    h('h3', {}, `Trace of row ${trace.rowId} (${total.toFixed(1)} ms, ${trace.spans.length} spans)`),
    h('div', { class: 'waterfall' }, ...lines),
    details,
  );
}
