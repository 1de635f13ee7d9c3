// @ts-check
// DOM helpers and the run summary. Text goes in through textContent only: run files hold model output,
// which must never become markup.

/**
 * Creates an element: `h('td', { class: 'x', 'data-testid': 'y' }, 'text', child)`.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | undefined | ((event: Event) => void)>} [attributes]
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

/** @param {number} value */
export const count = (value) => value.toLocaleString('en-US');
/** @param {number} value */
export const usd = (value) => `$${value.toFixed(4)}`;

/**
 * @param {string} label
 * @param {string} value
 * @param {string} testId
 * @param {string} [kind]
 */
function card(label, value, testId, kind) {
  return h('div', { class: `card ${kind ?? ''}` }, h('b', { 'data-testid': testId }, value), label);
}

/**
 * The top of a run's page: state, progress, counts, warnings.
 * @param {any} run a RunSummary from /api/run
 */
export function renderOverview(run) {
  const { rows } = run;
  const total = rows.total ?? rows.finished;
  const share = (/** @type {number} */ part) => `${total > 0 ? (100 * part) / total : 0}%`;
  const warnings = [];
  const skipped = Object.entries(run.skippedLines).filter(([, lines]) => lines > 0);
  if (skipped.length > 0) {
    warnings.push(
      h(
        'p',
        { class: 'warning', 'data-testid': 'skipped-lines' },
        `Skipped ${skipped.map(([file, lines]) => `${count(lines)} unreadable line${lines === 1 ? '' : 's'} in the ${file} file`).join(', ')} (torn or corrupt); everything else is shown.`,
      ),
    );
  }
  if (!run.indexing.done) {
    const percent =
      run.indexing.totalBytes > 0 ? (100 * run.indexing.readBytes) / run.indexing.totalBytes : 0;
    warnings.push(
      h(
        'p',
        { class: 'warning', 'data-testid': 'indexing' },
        `Reading the run's files: ${percent.toFixed(0)}%…`,
      ),
    );
  }
  if (!run.files.trace) {
    warnings.push(
      h(
        'p',
        { class: 'muted' },
        'No trace file: cost by step, retries over time and row waterfalls need one. Record it with ',
        h('code', {}, 'tokenflow run … --trace'),
        '.',
      ),
    );
  }
  return h(
    'div',
    { 'data-testid': 'overview', 'data-indexed': String(run.indexing.done) },
    h(
      'h2',
      {},
      run.id,
      ' ',
      h(
        'span',
        { class: `badge ${run.state}`, 'data-testid': 'state' },
        run.state === 'running' ? 'running' : 'stopped',
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      run.startedAt ? `started ${new Date(run.startedAt).toLocaleString()}` : '',
      run.sessions > 1 ? ` · ${run.sessions} sessions (resumed)` : '',
    ),
    ...warnings,
    h(
      'div',
      {
        class: 'progress',
        title: `${count(rows.finished)} of ${rows.total === undefined ? '?' : count(rows.total)} rows`,
      },
      h('span', { class: 'skipped', style: `width:${share(rows.skipped)}` }),
      h('span', { class: 'done', style: `width:${share(rows.done)}` }),
      h('span', { class: 'failed', style: `width:${share(rows.failed)}` }),
    ),
    h(
      'div',
      { class: 'cards' },
      card('done', count(rows.done), 'rows-done'),
      card('failed', count(rows.failed), 'rows-failed', rows.failed > 0 ? 'bad' : ''),
      card('skipped (done before)', count(rows.skipped), 'rows-skipped'),
      card(
        `finished of ${rows.total === undefined ? '?' : count(rows.total)}`,
        count(rows.finished),
        'rows-finished',
      ),
      card('cost', usd(run.costUsd), 'cost'),
      card('input tokens', count(run.usage.inputTokens), 'input-tokens'),
      card(
        `output tokens (${count(run.usage.thinkingTokens)} thinking)`,
        count(run.usage.outputTokens),
        'output-tokens',
      ),
      card('retries', count(run.retries), 'retries'),
      card('fallbacks', count(run.fallbacks), 'fallbacks'),
      card('429s', count(run.rateLimited), 'rate-limited'),
    ),
  );
}

/**
 * A table of usage rows (by model or by step).
 * @param {string} title
 * @param {string} keyLabel
 * @param {any[]} rows
 * @param {string} testId
 */
export function renderUsage(title, keyLabel, rows, testId) {
  if (rows.length === 0) return h('div', {});
  return h(
    'div',
    {},
    h('h3', {}, title),
    h(
      'table',
      { 'data-testid': testId },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, keyLabel),
          h('th', {}, 'calls'),
          h('th', {}, 'failed'),
          h('th', {}, 'input tok'),
          h('th', {}, 'output tok (thinking)'),
          h('th', {}, 'cost'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            { 'data-key': row.key },
            h('td', {}, row.key),
            h('td', { 'data-column': 'calls' }, count(row.calls)),
            h('td', {}, count(row.failed)),
            h('td', { 'data-column': 'input' }, count(row.inputTokens)),
            h('td', { 'data-column': 'output' }, `${count(row.outputTokens)} (${count(row.thinkingTokens)})`),
            h('td', { 'data-column': 'cost' }, usd(row.costUsd)),
          ),
        ),
      ),
    ),
  );
}

const series = /** @type {const} */ ([
  ['rows', 'rows finished', '#12b76a'],
  ['retries', 'retries', '#f79009'],
  ['fallbacks', 'fallbacks', '#2e90fa'],
  ['rateLimited', '429s', '#f04438'],
]);

/**
 * Rows, retries, fallbacks and 429s per time bucket, as an SVG chart (one small multiple per series).
 * @param {{ bucketMs: number, buckets: any[] }} timeline
 */
export function renderTimeline(timeline) {
  if (timeline.buckets.length === 0) return h('div', {});
  const svgNs = 'http://www.w3.org/2000/svg';
  const width = 720;
  const laneHeight = 36;
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(series.length * laneHeight + 8));
  svg.setAttribute('data-testid', 'timeline');
  const barWidth = width / timeline.buckets.length;
  series.forEach(([key, label, color], lane) => {
    const max = Math.max(1, ...timeline.buckets.map((bucket) => bucket[key]));
    const top = 4 + lane * laneHeight;
    timeline.buckets.forEach((bucket, index) => {
      const value = bucket[key];
      if (value === 0) return;
      const height = Math.max(1, ((laneHeight - 8) * value) / max);
      const rect = document.createElementNS(svgNs, 'rect');
      rect.setAttribute('x', String(index * barWidth));
      rect.setAttribute('y', String(top + laneHeight - 8 - height));
      rect.setAttribute('width', String(Math.max(1, barWidth - 1)));
      rect.setAttribute('height', String(height));
      rect.setAttribute('fill', color);
      const tip = document.createElementNS(svgNs, 'title');
      tip.textContent = `${new Date(bucket.startMs).toLocaleTimeString()}: ${value} ${label}`;
      rect.append(tip);
      svg.append(rect);
    });
  });
  return h(
    'div',
    {},
    h('h3', {}, `Over time (${timeline.bucketMs / 1000} s per bar)`),
    h(
      'div',
      { class: 'legend' },
      ...series.map(([, label, color]) => h('span', {}, h('i', { style: `background:${color}` }), label)),
    ),
    svg,
  );
}
