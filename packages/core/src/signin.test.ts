import { describe, expect, it } from 'vitest';
import { createAuthClient } from './authClient.ts';
import type { AuthState } from './types.ts';
import { CLIENT_ID, ISSUER, discoveryDocument, idToken, json, text, tokenBody } from './test/mockFetch.ts';
import { rejection, setup, signedIn, storedUser } from './test/setup.ts';
import { flush } from './test/fakeClock.ts';
import { AuthError } from './errors.ts';
import { withholdSecret } from './clientHelpers.ts';

const WITHHELD = "sign-in: the server's error text was withheld because it contained the password";

describe('signinResourceOwnerCredentials', () => {
  it('discovers, sends the password grant per RFC 6749 §4.3.2 and stores the user', async () => {
    const { mock, clock, storage, client } = setup();
    mock.reply(json(discoveryDocument()), json(tokenBody({ id_token: idToken(clock.now()) })));
    const states: AuthState[] = [];
    client.subscribe(() => states.push(client.getSnapshot()));

    const user = await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });

    expect(mock.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${ISSUER}/.well-known/openid-configuration`,
      `POST ${ISSUER}/token`,
    ]);
    const token = mock.requests[1]!;
    expect(token.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(token.headers.get('accept')).toBe('application/json');
    expect(Object.fromEntries(mock.form(1))).toEqual({
      grant_type: 'password',
      username: 'alice',
      password: 'wonderland',
      scope: 'openid profile offline_access',
      client_id: CLIENT_ID,
    });
    expect(token.url).not.toContain('wonderland');
    expect(user).toMatchObject({
      access_token: 'at-1',
      token_type: 'Bearer',
      refresh_token: 'rt-1',
      scope: 'openid profile offline_access',
      expires_at: Math.floor(clock.now() / 1000) + 300,
      profile: { sub: 'alice', name: 'Alice', iss: ISSUER },
    });
    expect(client.getUser()).toBe(user);
    expect(states.map((s) => s.status)).toEqual(['signingIn', 'signedIn']);
    expect(Object.isFrozen(client.getSnapshot())).toBe(true);
    const stored = storage.getItem(`ropc-kit:${CLIENT_ID}`) ?? '';
    expect(JSON.parse(stored)).toMatchObject({ version: 1, client_id: CLIENT_ID, user: { access_token: 'at-1' } });
    expect(stored).not.toContain('wonderland');
  });

  it('signs in against a provider that omits expires_in when defaultExpiresIn gives its documented lifetime', async () => {
    const { mock, clock, client } = setup({ defaultExpiresIn: 600 });
    const { expires_in: _omitted, ...body } = tokenBody();
    mock.reply(json(discoveryDocument()), json(body));
    const user = await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    expect(user.expires_at).toBe(Math.floor(clock.now() / 1000) + 600);
  });

  it('refuses a token response without expires_in when no defaultExpiresIn is set, and stays signed out', async () => {
    const { mock, client } = setup();
    const { expires_in: _omitted, ...body } = tokenBody();
    mock.reply(json(discoveryDocument()), json(body));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    expect([error.code, error.message]).toEqual([
      'invalid_response',
      'token response: expires_in is missing; set defaultExpiresIn to the token lifetime your provider documents',
    ]);
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });

  it('restores the stored session synchronously in a new client', async () => {
    const { mock, clock, storage, client } = setup();
    mock.reply(json(discoveryDocument()), json(tokenBody()));
    const user = await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const second = createAuthClient({ authority: ISSUER, client_id: CLIENT_ID, storage, fetch: mock.fetch, now: clock.now, timers: clock.timers });
    expect(second.getSnapshot()).toEqual({ status: 'signedIn', user, error: null });
  });

  it('rejects an empty username or password with invalid_request before any request', async () => {
    const { mock, client } = setup();
    const noUser = await rejection(client.signinResourceOwnerCredentials({ username: '', password: 'x' }));
    expect([noUser.code, noUser.message]).toEqual(['invalid_request', 'signinResourceOwnerCredentials: username is required']);
    const noPassword = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: '' }));
    expect(noPassword.message).toBe('signinResourceOwnerCredentials: password is required');
    expect(mock.requests).toHaveLength(0);
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: noPassword });
  });

  it('lets the last of two concurrent sign-ins win; the first rejects with aborted', async () => {
    const { mock, client } = setup();
    let answerFirst: (response: Response) => void = () => {};
    mock.reply(json(discoveryDocument()), () => new Promise<Response>((resolve) => (answerFirst = resolve)));
    const first = rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const empty = await rejection(client.signinResourceOwnerCredentials({ username: '', password: 'x' }));
    expect(empty.code).toBe('invalid_request');
    expect(client.getSnapshot().status).toBe('signingIn');
    mock.reply(json(tokenBody({ access_token: 'bob-token' })));
    const second = await client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder' });
    answerFirst(json(tokenBody({ access_token: 'alice-token' })));
    expect(await first).toMatchObject({ code: 'aborted', message: 'signinResourceOwnerCredentials: superseded by a later sign-in or sign-out' });
    expect(client.getSnapshot()).toEqual({ status: 'signedIn', user: second, error: null });
  });

  it('returns to the previous session with the error when a second sign-in fails', async () => {
    const { mock, client, storage } = setup();
    mock.reply(json(discoveryDocument()), json(tokenBody()));
    const user = await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const storedBefore = storage.getItem(`ropc-kit:${CLIENT_ID}`);
    mock.reply(json({ error: 'invalid_grant', error_description: 'wrong credentials' }, { status: 400 }));

    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'bob', password: 'nope-nope' }));

    expect([error.code, error.status, error.error_description]).toEqual(['invalid_grant', 400, 'wrong credentials']);
    expect(error.message).toBe('token response: the server answered invalid_grant: wrong credentials');
    expect(client.getSnapshot()).toEqual({ status: 'signedIn', user, error });
    expect(storage.getItem(`ropc-kit:${CLIENT_ID}`)).toBe(storedBefore);
  });

  describe('while a user is signed in', () => {
    /** Signed in as alice (at-1/rt-1) with the snapshots recorded; the next token request is held open. */
    async function signedInWithHeldRequest() {
      const env = setup();
      await signedIn(env);
      const states: AuthState[] = [];
      env.client.subscribe(() => states.push(env.client.getSnapshot()));
      let answer: (response: Response) => void = () => {};
      env.mock.reply(() => new Promise<Response>((resolve) => (answer = resolve)));
      return { ...env, states, answer: (response: Response) => answer(response) };
    }

    it('keeps the session untouched while a new sign-in is in flight, and keeps the user when it fails', async () => {
      const env = await signedInWithHeldRequest();
      const before = env.client.getSnapshot();
      const pending = rejection(env.client.signinResourceOwnerCredentials({ username: 'bob', password: 'typo' }));
      await flush();
      expect(env.client.getSnapshot()).toBe(before);
      await expect(env.client.getAccessToken()).resolves.toBe('at-1');
      env.answer(json({ error: 'invalid_grant' }, { status: 400 }));
      const error = await pending;
      expect(env.client.getSnapshot()).toEqual({ status: 'signedIn', user: before.user, error });
      expect(env.states.map((s) => s.status)).toEqual(['signedIn']);
    });

    it('replaces the user in one step when the new sign-in succeeds', async () => {
      const env = await signedInWithHeldRequest();
      const pending = env.client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder' });
      await flush();
      env.answer(json(tokenBody({ access_token: 'bob-at', refresh_token: 'bob-rt' })));
      const bob = await pending;
      expect(env.states).toEqual([{ status: 'signedIn', user: bob, error: null }]);
    });

    it.each([
      ['before', true],
      ['after', false],
    ])('keeps the tokens a refresh rotated when a sign-in started during it fails (refresh lands %s the failure)', async (_when, refreshFirst) => {
      const env = await signedInWithHeldRequest();
      const refreshing = env.client.refresh();
      await flush();
      let refuse: () => void = () => {};
      env.mock.reply(() => new Promise<Response>((resolve) => (refuse = () => resolve(json({ error: 'invalid_grant' }, { status: 400 })))));
      const signin = rejection(env.client.signinResourceOwnerCredentials({ username: 'bob', password: 'typo' }));
      await flush();
      if (refreshFirst) {
        env.answer(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
        await refreshing;
      }
      refuse();
      const error = await signin;
      if (!refreshFirst) env.answer(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
      const refreshed = await refreshing;
      expect(refreshed.refresh_token).toBe('rt-2');
      expect(env.client.getUser()).toBe(refreshed);
      expect(env.client.getSnapshot().error).toBe(refreshFirst ? error : null);
      expect(storedUser(env.storage.getItem(env.key)).refresh_token).toBe('rt-2');
    });
  });

  it('sends extra per-call parameters and a per-call scope, never overriding the grant', async () => {
    const { mock, client } = setup({ extraTokenParams: { audience: 'api', grant_type: 'evil' } });
    mock.reply(json(discoveryDocument()), json(tokenBody({ scope: undefined })));
    const user = await client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw', scope: 'openid', acr_values: 'mfa' });
    expect(Object.fromEntries(mock.form(1))).toMatchObject({ grant_type: 'password', audience: 'api', acr_values: 'mfa', scope: 'openid' });
    expect(user.scope).toBe('openid');
  });

  it('uses client_secret_basic with form-encoded credentials (RFC 6749 §2.3.1)', async () => {
    const { mock, client } = setup({ client_id: 'my app', client_secret: 'p@ss:wörd' });
    mock.reply(json(discoveryDocument()), json(tokenBody()));
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' });
    const expected = Buffer.from('my+app:p%40ss%3Aw%C3%B6rd').toString('base64');
    expect(mock.requests[1]!.headers.get('authorization')).toBe(`Basic ${expected}`);
    expect(mock.form(1).has('client_id')).toBe(false);
    expect(mock.form(1).has('client_secret')).toBe(false);
  });

  it('uses client_secret_post when asked', async () => {
    const { mock, client } = setup({ client_secret: 's3cret', client_authentication: 'client_secret_post' });
    mock.reply(json(discoveryDocument()), json(tokenBody()));
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' });
    expect(mock.requests[1]!.headers.has('authorization')).toBe(false);
    expect(mock.form(1).get('client_id')).toBe(CLIENT_ID);
    expect(mock.form(1).get('client_secret')).toBe('s3cret');
  });

  it('skips discovery with metadata and costs one request', async () => {
    const { mock, client } = setup({ metadata: { issuer: ISSUER, token_endpoint: `${ISSUER}/oauth/token` } });
    mock.reply(json(tokenBody()));
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' });
    expect(mock.requests.map((r) => r.url)).toEqual([`${ISSUER}/oauth/token`]);
  });

  it('costs exactly one request after getMetadata() prefetched discovery', async () => {
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument()));
    await client.getMetadata();
    mock.reply(json(tokenBody()));
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' });
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[1]!.method).toBe('POST');
  });

  it('leaves no password in state or error when the server echoes it', async () => {
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument()), text('bad password hunter22 for alice', 400, 'text/plain'));
    mock.reply(json({ error: 'invalid_grant', error_description: 'password hunter22 is wrong' }, { status: 400 }));
    const first = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'hunter22' }));
    expect(first.code).toBe('invalid_response');
    const second = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'hunter22' }));
    expect(second).toMatchObject({ code: 'invalid_grant', status: 400, error_description: undefined, error_uri: undefined, message: WITHHELD });
    expect(JSON.stringify(client.getSnapshot())).not.toContain('hunter22');
  });

  it.each([
    ['inside a known text, without revealing where', 'disabled', { error_description: 'account is disabled' }],
    ['for a short password, rather than garbling the text', 'o', { error_description: 'invalid username or password' }],
    ['form-encoded', 'p@ss w0rd!', { error_description: 'bad body: username=a&password=p%40ss+w0rd%21' }],
    ['percent-encoded in error_uri', 'p@ss w0rd!', { error_uri: 'https://idp.example/help?p=p%40ss%20w0rd!' }],
    ['percent-encoded in lower case', 'p@ss w0rd!', { error_description: 'got p%40ss%20w0rd!' .toLowerCase() }],
  ])('withholds the server text that contains the password %s', async (_name, password, fields) => {
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument()), json({ error: 'invalid_grant', ...fields }, { status: 400 }));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'a', password }));
    expect(error).toMatchObject({ code: 'invalid_grant', status: 400, error_description: undefined, error_uri: undefined, message: WITHHELD });
    expect(error.cause).toBeUndefined();
    expect(client.getSnapshot().error).toBe(error);
  });

  it('keeps the server text when it does not contain the password', async () => {
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument()), json({ error: 'invalid_grant', error_description: 'account is locked' }, { status: 400 }));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'a', password: 'hunter22' }));
    expect([error.message, error.error_description]).toEqual(['token response: the server answered invalid_grant: account is locked', 'account is locked']);
  });

  it('drops a cause that quotes the password (newer V8 quote the body in JSON errors), and an error code that contains it', async () => {
    const cause = new SyntaxError('Unexpected end of JSON input: "password=correct-horse-battery"');
    const parse = new AuthError('invalid_response', 'token response: body is not JSON (HTTP 200)', { status: 200, cause });
    const withheld = withholdSecret(parse, 'correct-horse-battery');
    expect([withheld.code, withheld.message, withheld.status, withheld.cause]).toEqual(['invalid_response', WITHHELD, 200, undefined]);
    expect(withholdSecret(parse, 'other-password')).toBe(parse);
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument()));
    mock.reply(json({ error: 'wrong_hunter22' }, { status: 400 }));
    const coded = await rejection(client.signinResourceOwnerCredentials({ username: 'a', password: 'hunter22' }));
    expect([coded.code, coded.message]).toEqual(['invalid_response', WITHHELD]);
  });
});
