// @ts-check
// The run viewer: plain DOM modules, no framework and no build step (see packages/ui/README.md).
import { count, h, renderOverview, renderTimeline, renderUsage, usd } from './render.js';
import { renderWaterfall } from './waterfall.js';

const pageSize = 50;
const pollMs = 1000;
const runsNav = /** @type {HTMLElement} */ (document.getElementById('runs'));
const runSection = /** @type {HTMLElement} */ (document.getElementById('run'));
const folderLabel = /** @type {HTMLElement} */ (document.getElementById('folder'));

/** @type {{ runId: string | undefined, failedOffset: number, row: string | undefined, timer: number | undefined }} */
const state = { runId: undefined, failedOffset: 0, row: undefined, timer: undefined };

/** @param {string} path */
async function getJson(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `${response.status}`);
  return body;
}

/** @param {string} id */
const runUrl = (id) => `/api/run?id=${encodeURIComponent(id)}`;

async function loadRuns() {
  const { folder, runs } = await getJson('/api/runs');
  folderLabel.textContent = folder;
  if (runs.length === 0) {
    runsNav.replaceChildren();
    runSection.replaceChildren(
      h(
        'div',
        { 'data-testid': 'no-runs' },
        h('h2', {}, 'No runs in this folder'),
        h(
          'p',
          {},
          `Nothing in ${folder} looks like a tokenflow run (an *.journal.jsonl or *.trace.jsonl file). Make one with:`,
        ),
        h(
          'pre',
          { class: 'content' },
          `tokenflow run pipeline.yaml --input rows.jsonl --output ${folder}/out.jsonl --trace`,
        ),
        h('p', { class: 'muted' }, 'This page lists it as soon as it starts; reload to see it.'),
      ),
    );
    return;
  }
  const hash = new URLSearchParams(location.hash.slice(1));
  state.runId ??= hash.get('run') ?? runs[0].id;
  state.row ??= hash.get('row') ?? undefined;
  runsNav.replaceChildren(
    ...runs.map((/** @type {any} */ run) =>
      h(
        'a',
        {
          href: `#run=${encodeURIComponent(run.id)}`,
          'aria-current': String(run.id === state.runId),
          'data-testid': 'run-link',
          onclick: (/** @type {Event} */ event) => {
            event.preventDefault();
            state.runId = run.id;
            state.failedOffset = 0;
            state.row = undefined;
            void loadRuns();
          },
        },
        run.id,
        h(
          'small',
          {},
          `${count(run.rows.finished)} rows · ${count(run.rows.failed)} failed · ${usd(run.costUsd)}${run.state === 'running' ? ' · running' : ''}`,
        ),
      ),
    ),
  );
  await loadRun();
}

async function loadRun() {
  clearTimeout(state.timer);
  const id = state.runId;
  if (id === undefined) return;
  const [run, failed] = await Promise.all([
    getJson(runUrl(id)),
    getJson(`${runUrl(id)}&failed=${state.failedOffset}&limit=${pageSize}`),
  ]);
  if (id !== state.runId) return;
  const trace = h('div', { id: 'trace' });
  runSection.replaceChildren(
    renderOverview(run),
    renderUsage('Cost and tokens by model', 'model', run.byModel, 'by-model'),
    run.usageSource === 'rows' && run.byModel.length > 0
      ? h(
          'p',
          { class: 'muted' },
          'From the rows’ meta (a row served by two models counts under both together); a trace gives per-call figures.',
        )
      : '',
    renderUsage('Cost and tokens by step', 'step', run.byStep, 'by-step'),
    renderTimeline(run.timeline),
    renderFailed(failed),
    run.files.trace ? renderRowSearch(trace) : '',
    trace,
  );
  // For the first-paint benchmark: when the run's numbers first reached the page, since navigation.
  if (performance.getEntriesByName('run-painted').length === 0) performance.mark('run-painted');
  if (state.row !== undefined) await showTrace(state.row, trace);
  const complete = run.indexing.done && failed.indexed;
  runSection.querySelector('[data-testid=overview]')?.setAttribute('data-indexed', String(complete));
  if (run.state === 'running' || !complete) {
    // The list is fetched again too, so its counts follow the run.
    state.timer = window.setTimeout(() => void loadRuns().catch(showError), pollMs);
  }
}

/** @param {{ offset: number, total: number, rows: any[] }} page */
function renderFailed(page) {
  if (page.total === 0) return h('div', {});
  const last = Math.min(page.total, page.offset + page.rows.length);
  const go = (/** @type {number} */ offset) => () => {
    state.failedOffset = offset;
    void loadRun().catch(showError);
  };
  return h(
    'div',
    {},
    h('h3', {}, `Failed rows in the errors file (${count(page.total)})`),
    h(
      'div',
      { class: 'pager' },
      h(
        'button',
        {
          disabled: page.offset === 0,
          onclick: go(Math.max(0, page.offset - pageSize)),
          'data-testid': 'failed-previous',
        },
        '‹ previous',
      ),
      h(
        'span',
        { 'data-testid': 'failed-range' },
        `${count(page.offset + 1)}–${count(last)} of ${count(page.total)}`,
      ),
      h(
        'button',
        { disabled: last >= page.total, onclick: go(page.offset + pageSize), 'data-testid': 'failed-next' },
        'next ›',
      ),
    ),
    h(
      'table',
      { 'data-testid': 'failed-rows' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'row id'),
          h('th', {}, 'line'),
          h('th', {}, 'error'),
          h('th', {}, 'reason'),
          h('th', {}, 'cost'),
        ),
      ),
      h(
        'tbody',
        {},
        ...page.rows.map((row) =>
          h(
            'tr',
            {
              class: row.id === null ? '' : 'clickable',
              'data-row-id': row.id ?? '',
              'aria-selected': String(row.id !== null && String(row.id) === state.row),
              onclick: () => {
                if (row.id === null) return;
                state.row = String(row.id);
                history.replaceState(
                  null,
                  '',
                  `#run=${encodeURIComponent(state.runId ?? '')}&row=${encodeURIComponent(state.row)}`,
                );
                for (const other of document.querySelectorAll('[data-testid=failed-rows] tbody tr')) {
                  other.setAttribute(
                    'aria-selected',
                    String(other.getAttribute('data-row-id') === state.row),
                  );
                }
                const target = /** @type {HTMLElement} */ (document.getElementById('trace'));
                void showTrace(state.row, target).catch(showError);
              },
            },
            h('td', {}, row.id ?? '—'),
            h('td', {}, row.line ?? ''),
            h('td', {}, h('code', {}, row.code)),
            h('td', { class: 'message', title: row.message }, row.message),
            h('td', {}, row.costUsd === undefined ? '' : usd(row.costUsd)),
          ),
        ),
      ),
    ),
  );
}

/**
 * A box to open any row's trace by its id (failed rows open theirs with a click).
 * @param {HTMLElement} target
 */
function renderRowSearch(target) {
  const input = /** @type {HTMLInputElement} */ (
    h('input', { name: 'row', placeholder: 'row id', 'data-testid': 'row-id', 'aria-label': 'row id' })
  );
  return h(
    'form',
    {
      class: 'pager',
      onsubmit: (/** @type {Event} */ event) => {
        event.preventDefault();
        const row = input.value.trim();
        if (row === '') return;
        state.row = row;
        history.replaceState(
          null,
          '',
          `#run=${encodeURIComponent(state.runId ?? '')}&row=${encodeURIComponent(row)}`,
        );
        void showTrace(row, target).catch(showError);
      },
    },
    h('h3', {}, 'Trace of a row'),
    input,
    h('button', { type: 'submit', 'data-testid': 'row-show' }, 'show'),
  );
}

/**
 * @param {string} row
 * @param {HTMLElement} target
 */
async function showTrace(row, target) {
  const response = await fetch(`${runUrl(state.runId ?? '')}&row=${encodeURIComponent(row)}`);
  const body = await response.json();
  target.replaceChildren(
    response.ok ? renderWaterfall(body) : h('p', { class: 'warning', 'data-testid': 'no-trace' }, body.error),
  );
}

/** @param {unknown} error */
function showError(error) {
  runSection.replaceChildren(
    h('p', { class: 'warning', 'data-testid': 'error' }, `Cannot load: ${String(error)}`),
  );
}

loadRuns().catch(showError);
