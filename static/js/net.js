/**
 * HTTP to our own server, with failures sorted into what the app can act on:
 * AuthError (401: sign in again), Offline (no answer at all: retry later), HttpError (an answer).
 */
import * as store from './store.js';

export const AUTH_MESSAGE = 'Phiên đăng nhập đã hết hạn hoặc tài khoản bị thu hồi — hãy đăng nhập lại khi có mạng';

export class AuthError extends Error {
  constructor() { super(AUTH_MESSAGE); this.name = 'AuthError'; }
}

export class Offline extends Error {
  constructor(cause) { super('Không kết nối được máy chủ'); this.name = 'Offline'; this.cause = cause; }
}

export class HttpError extends Error {
  constructor(status, message) {
    super(message || `Máy chủ trả lời lỗi ${status}`);
    this.name = 'HttpError';
    this.status = status;
  }

  /** Worth sending the same request again later (server trouble, not a refusal). */
  get retryable() { return this.status >= 500 || this.status === 408 || this.status === 429; }
}

/** The CSRF token: the last pull's, else the one the shell page was served with. */
export async function csrfToken() {
  const stored = await store.getMeta('csrf');
  if (stored) return stored;
  const tag = document.querySelector('meta[name="csrf-token"]');
  return tag ? tag.content : '';
}

/** fetch() that throws Offline, AuthError or HttpError (with the server's Vietnamese error). */
export async function call(path, { method = 'GET', body, type, json, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRFToken'] = await csrfToken();
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (type) {
    headers['Content-Type'] = type;
  }
  let response;
  try {
    response = await fetch(path, { method, body, headers, credentials: 'same-origin', cache: 'no-store', signal });
  } catch (err) {
    throw new Offline(err);
  }
  if (response.status === 401) throw new AuthError();
  return response;
}

/** The error a non-2xx answer carries, as an HttpError. */
export async function failure(response) {
  let message = '';
  try { message = (await response.json()).error || ''; } catch { /* not JSON */ }
  return new HttpError(response.status, message);
}
