// The emulator's dashboard: plain DOM code, no framework and nothing fetched from elsewhere.
// Everything it shows comes from the admin API on this origin (/__emulator/...), and every
// button calls the same endpoints tests use. Values from the emulator (nicknames, webhook
// bodies) are set as text, never as HTML.
/* global document, window */

import { duration, h, time } from './dom.js';
import { renderApp, renderFaults, renderInbox, renderSubscriptions, renderTemplates, renderTokens, renderUsers, renderWebhooks } from './sections.js';

const API = '/__emulator';
const REFRESH_MS = 2000;

const state = { appid: null, now: Date.now() };

// --- talking to the admin API -------------------------------------------------------------

async function api(method, path, body) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(json?.errMsg ?? json?.error ?? `HTTP ${response.status}`);
  return json;
}

const appQuery = () => `?appid=${encodeURIComponent(state.appid)}`;

/** Runs a button's action, reports it in the status line and redraws. */
async function act(label, action) {
  try {
    const message = await action();
    showStatus(message ?? `${label}: done`);
  } catch (error) {
    showStatus(`${label}: ${error.message}`, true);
  }
  await refresh();
}

function showStatus(text, isError = false) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

async function addFault(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const rule = { operation: form.get('operation') };
  for (const field of ['errNo', 'httpStatus', 'probability', 'times', 'latencyMs']) {
    const value = String(form.get(field) ?? '').trim();
    if (value !== '') rule[field] = Number(value);
  }
  await act('add fault rule', async () => {
    const created = await api('POST', '/faults', rule);
    return `Added rule ${created.id} on ${created.operation}`;
  });
}

// --- refresh loop -------------------------------------------------------------------------

function renderAppPicker(apps) {
  const select = document.getElementById('app-select');
  if (!apps.some((a) => a.appid === state.appid)) state.appid = apps[0]?.appid ?? null;
  const ids = apps.map((a) => a.appid);
  if ([...select.options].map((o) => o.value).join() !== ids.join()) {
    select.replaceChildren(...ids.map((id) => h('option', { value: id }, id)));
  }
  select.value = state.appid ?? '';
}

function renderClock(clock) {
  state.now = clock.now;
  document.getElementById('clock-now').textContent = `${time(clock.now)} UTC`;
  document.getElementById('clock-offset').textContent = clock.offsetMs > 1000 ? `(+${duration(clock.offsetMs)})` : '';
}

let refreshing = null;

/** Reloads everything; a refresh already under way is reused rather than doubled. */
function refresh() {
  refreshing ??= load().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function load() {
  const [apps, clock, faults] = await Promise.all([api('GET', '/apps'), api('GET', '/clock'), api('GET', '/faults')]);
  renderClock(clock);
  renderAppPicker(apps);
  show(
    'app',
    renderApp,
    apps.find((a) => a.appid === state.appid),
  );
  show('faults', renderFaults, faults, { api, act });
  if (!state.appid) return;
  const q = appQuery();
  const [users, templates, subscriptions, tokens, inbox, webhooks] = await Promise.all(
    ['/users', '/templates', '/subscriptions', '/tokens', '/inbox', '/webhooks'].map((path) => api('GET', `${path}${q}`)),
  );
  show('users', renderUsers, users, templates, { api, act });
  show('templates', renderTemplates, templates);
  show('subscriptions', renderSubscriptions, subscriptions, users, templates);
  show('tokens', renderTokens, tokens, state.now);
  show('inbox', renderInbox, inbox, users);
  show('webhooks', renderWebhooks, webhooks);
}

const shown = new Map();

/** Redraws a section only when what it shows changed: a poll never swaps a button under the pointer. */
function show(section, render, ...inputs) {
  const signature = JSON.stringify(inputs);
  if (shown.get(section) === signature) return;
  shown.set(section, signature);
  render(...inputs);
}

async function start() {
  const { operations } = await api('GET', '/health');
  const select = document.querySelector('#fault-form select[name=operation]');
  select.replaceChildren(...operations.map((op) => h('option', { value: op }, op)));
  document.getElementById('fault-form').addEventListener('submit', (event) => void addFault(event));
  document.getElementById('app-select').addEventListener('change', (event) => {
    state.appid = event.target.value;
    void refresh();
  });
  for (const node of document.querySelectorAll('[data-advance]')) {
    const seconds = Number(node.dataset.advance);
    node.addEventListener('click', () =>
      act('advance the clock', async () => {
        const clock = await api('POST', '/clock/advance', { seconds });
        return `Clock advanced by ${duration(seconds * 1000)}: now ${time(clock.now)} UTC`;
      }),
    );
  }
  await refresh();
  // The emulator changes under the page (the app and tests call it): poll, quietly.
  window.setInterval(() => {
    refresh().catch((error) => showStatus(`Refresh failed: ${error.message}`, true));
  }, REFRESH_MS);
}

start().catch((error) => showStatus(`Dashboard failed to start: ${error.message}`, true));
