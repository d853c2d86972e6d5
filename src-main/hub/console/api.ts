// The district console's JSON API under /console/api/: sign-in with a password for a session cookie, then the
// sites with their totals of the day, one site's stations, desks and handovers, its registrations masked, and one
// registration in full for an officer, audited. Every input is checked with its schema; every refusal is a Refusal.
import type http from 'node:http';
import type pg from 'pg';
import type { z } from 'zod';
import { Refusal } from '../refusal';
import { readBody } from '../requestBody';
import { dayOf, maskedRegistrations, openRegistration, siteOfDay, siteSummaries } from './queries';
import { CONSOLE_API, dayQuerySchema, registrationIdSchema, signInSchema, siteCodeSchema, type Me } from './schemas';
import type { SignInLimit } from './signInLimit';
import { checkPassword, endSession, sessionUser, SESSION_HOURS, startSession } from './users';

const COOKIE = 'swabdesk_console';
const MAX_SIGN_IN_BYTES = 4096;

export interface ConsoleContext {
  pool: pg.Pool;
  limit: SignInLimit;
  /** Served over TLS: the cookie is Secure. */
  secure: boolean;
}

export interface ConsoleAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function cookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${COOKIE}=${token}`, 'Path=/console', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

function sessionToken(request: http.IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === COOKIE && value) return value;
  }
  return null;
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Refusal(400, 'malformed', `${what}: ${result.error.issues[0].message}`);
  return result.data;
}

async function jsonBody(request: http.IncomingMessage): Promise<unknown> {
  // Only a script of the page itself sends JSON: a form of another site cannot, and the cookie is SameSite=Strict.
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) throw new Refusal(415, 'unsupported-media-type', 'Send application/json.');
  try {
    return JSON.parse((await readBody(request, MAX_SIGN_IN_BYTES, 'A sign-in')).toString('utf8'));
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(400, 'malformed', 'The body is not JSON.');
  }
}

async function signIn(context: ConsoleContext, request: http.IncomingMessage): Promise<ConsoleAnswer> {
  const { name, password } = parsed(signInSchema, await jsonBody(request), 'sign-in');
  const address = request.socket.remoteAddress ?? '';
  const wait = context.limit.blockedFor(name, address);
  if (wait > 0) {
    return { status: 429, body: { error: 'too-many-tries', message: `Too many failed sign-ins: try again in ${wait} s.` }, headers: { 'retry-after': String(wait) } };
  }
  const user = await checkPassword(context.pool, name, password);
  if (!user) {
    context.limit.failed(name, address);
    throw new Refusal(401, 'wrong-password', 'That name and password do not match.');
  }
  context.limit.succeeded(name);
  const session = await startSession(context.pool, user.name);
  return { status: 200, body: user, headers: { 'set-cookie': cookie(session.token, SESSION_HOURS * 3600, context.secure) } };
}

async function signedIn(context: ConsoleContext, request: http.IncomingMessage): Promise<Me> {
  const token = sessionToken(request);
  const user = token ? await sessionUser(context.pool, token) : null;
  if (!user) throw new Refusal(401, 'signed-out', 'Sign in first.');
  return user;
}

function pathSegments(route: string): string[] {
  try {
    return route.split('/').slice(1).map(decodeURIComponent);
  } catch {
    throw new Refusal(400, 'malformed', 'The path is not well encoded.');
  }
}

/** Answers a request under /console/api/. */
export async function consoleApi(context: ConsoleContext, request: http.IncomingMessage, url: URL): Promise<ConsoleAnswer> {
  const route = url.pathname.slice(CONSOLE_API.length);
  const method = request.method ?? 'GET';
  if (route === '/sign-in') {
    if (method !== 'POST') throw new Refusal(405, 'method-not-allowed', 'Sign in with POST.');
    return signIn(context, request);
  }
  if (route === '/sign-out' && method === 'POST') {
    const token = sessionToken(request);
    if (token) await endSession(context.pool, token);
    return { status: 200, body: {}, headers: { 'set-cookie': cookie('', 0, context.secure) } };
  }
  const user = await signedIn(context, request);
  if (route === '/me' && method === 'GET') return { status: 200, body: user };

  const segments = pathSegments(route);
  if (segments[0] !== 'sites') throw new Refusal(404, 'not-found', `Nothing at ${url.pathname}.`);
  const open = segments.length === 5 && segments[4] === 'open';
  if (method !== (open ? 'POST' : 'GET')) throw new Refusal(405, 'method-not-allowed', `${url.pathname} takes ${open ? 'POST' : 'GET'}.`);
  const day = dayOf(parsed(dayQuerySchema, Object.fromEntries(url.searchParams), 'query').day);
  if (segments.length === 1) return { status: 200, body: { day: day.day, sites: await siteSummaries(context.pool, day) } };

  const siteCode = parsed(siteCodeSchema, segments[1], 'site');
  if (segments.length === 2) {
    const site = await siteOfDay(context.pool, day, siteCode);
    if (!site) throw new Refusal(404, 'unknown-site', `The hub knows no site ${siteCode}.`);
    return { status: 200, body: { day: day.day, ...site } };
  }
  if (segments[2] !== 'registrations' || segments.length === 4) throw new Refusal(404, 'not-found', `Nothing at ${url.pathname}.`);
  if (segments.length === 3) return { status: 200, body: { day: day.day, registrations: await maskedRegistrations(context.pool, day, siteCode) } };
  if (!open) throw new Refusal(404, 'not-found', `Nothing at ${url.pathname}.`);
  if (user.role !== 'officer') throw new Refusal(403, 'not-allowed', 'Only an officer may open a full record.');
  const registrationId = parsed(registrationIdSchema, segments[3], 'registration');
  const record = await openRegistration(context.pool, user, siteCode, registrationId);
  if (!record) throw new Refusal(404, 'unknown-registration', 'No such registration at this site.');
  return { status: 200, body: record };
}
