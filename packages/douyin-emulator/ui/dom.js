// DOM building and formatting for the dashboard. Values are always set as text, never as HTML.
/* global document, window */

/** h('td', {className: 'mono'}, 'text', childNode): attributes as properties, children as text or nodes. */
export function h(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof window.Node ? child : String(child));
  }
  return node;
}

export const pill = (text, tone = '') => h('span', { className: `pill ${tone}` }, text);
export const button = (text, onClick, name) => {
  const node = h('button', { type: 'button', onclick: onClick }, text);
  if (name) node.dataset.action = name;
  return node;
};

export function table(headers, rows, emptyText) {
  if (rows.length === 0) return h('p', { className: 'empty' }, emptyText);
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((title) => h('th', {}, title)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

export function fill(id, content) {
  document.getElementById(id).replaceChildren(content);
}

/** Emulated epoch ms as UTC "YYYY-MM-DD HH:MM:SS". */
export const time = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export function duration(ms) {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}

export const maskSecret = (value) => (value.length <= 8 ? '••••' : `${value.slice(0, 4)}••••${value.slice(-2)}`);
export const maskPhone = (phone) =>
  phone ? `+${phone.countryCode} ${phone.purePhoneNumber.slice(0, 3)}****${phone.purePhoneNumber.slice(-4)}` : null;
