import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';

const auth = (token: string) => ({ authorization: `token ${token}` });

async function gql(
  emu: Emulator,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const res = await fetch(emu.graphqlUrl, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('token permissions', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator();
    emu.permissions
      .setToken('ro', 'read-only')
      .setToken('gh', 'github-token')
      .setToken('pat', 'admin')
      .setToken('user-no-org', 'no-org');
    emu.permissions.setToken('prs-only', {
      kind: 'installation',
      issues: 'read',
      pullRequests: 'write',
    });
    emu.addIssue({ title: 'An issue' }); // #1
    emu.addPullRequest({ title: 'A pull request' }); // #2
    emu.addTeam('acme', 'product-managers', ['alice', 'bob']);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearLog());

  it('read-only token: reads work, writes answer 403 "Resource not accessible by integration"', async () => {
    const read = await fetch(`${emu.url}/repos/acme/widgets/issues/1`, { headers: auth('ro') });
    expect(read.status).toBe(200);
    const write = await fetch(`${emu.url}/repos/acme/widgets/issues/1/comments`, {
      method: 'POST',
      headers: auth('ro'),
      body: JSON.stringify({ body: 'hello' }),
    });
    expect(write.status).toBe(403);
    expect(write.headers.get('x-accepted-github-permissions')).toBe('issues=write');
    expect(await write.json()).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    });
    expect(emu.issue(1)?.comments).toEqual([]);

    const issue = emu.issue(1);
    const mutation = await gql(
      emu,
      'ro',
      'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "x" }) { clientMutationId } }',
      {
        id: issue?.nodeId,
      },
    );
    expect(mutation.json).toMatchObject({
      data: { addComment: null },
      errors: [
        {
          type: 'FORBIDDEN',
          path: ['addComment'],
          message: 'Resource not accessible by integration',
        },
      ],
    });
    expect(emu.writes().map((w) => w.status)).toEqual([403, 200]);
    expect(emu.validationErrors).toEqual([]);
  });

  it('pull_requests: write lets a token comment on a pull request but not on an issue', async () => {
    const onPr = await fetch(`${emu.url}/repos/acme/widgets/issues/2/comments`, {
      method: 'POST',
      headers: auth('prs-only'),
      body: JSON.stringify({ body: 'on the PR' }),
    });
    expect(onPr.status).toBe(201);
    const onIssue = await fetch(`${emu.url}/repos/acme/widgets/issues/1/comments`, {
      method: 'POST',
      headers: auth('prs-only'),
      body: JSON.stringify({ body: 'on the issue' }),
    });
    expect(onIssue.status).toBe(403);
  });

  it('team members: 403 for the workflow token, 404 without read:org, 200 with org access', async () => {
    const path = `${emu.url}/orgs/acme/teams/product-managers/members`;
    const gh = await fetch(path, { headers: auth('gh') });
    expect(gh.status).toBe(403);
    expect(((await gh.json()) as { message: string }).message).toBe(
      'Resource not accessible by integration',
    );
    expect((await fetch(path, { headers: auth('user-no-org') })).status).toBe(404);
    const ok = await fetch(path, { headers: auth('pat') });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Array<{ login: string }>).map((m) => m.login)).toEqual([
      'alice',
      'bob',
    ]);

    const q =
      '{ organization(login: "acme") { team(slug: "product-managers") { members(first: 10) { nodes { login } } } } }';
    const gqlGh = await gql(emu, 'gh', q);
    expect(gqlGh.json).toEqual({
      data: { organization: { team: null } },
      errors: [
        {
          type: 'FORBIDDEN',
          path: ['organization', 'team'],
          locations: [{ line: 1, column: 33 }],
          message: 'Resource not accessible by integration',
        },
      ],
    });
    expect((await gql(emu, 'user-no-org', q)).json).toEqual({
      data: { organization: { team: null } },
    });
    expect((await gql(emu, 'pat', q)).json).toEqual({
      data: {
        organization: { team: { members: { nodes: [{ login: 'alice' }, { login: 'bob' }] } } },
      },
    });
  });

  it('viewer is the token’s identity', async () => {
    expect((await gql(emu, 'gh', '{ viewer { login } }')).json).toEqual({
      data: { viewer: { login: 'github-actions[bot]' } },
    });
    const user = await fetch(`${emu.url}/user`, { headers: auth('gh') });
    expect(user.status).toBe(403);
  });

  it('anonymous requests: reads allowed on public repositories, writes and GraphQL answer 401', async () => {
    expect((await fetch(`${emu.url}/repos/acme/widgets/issues/1`)).status).toBe(200);
    const post = await fetch(`${emu.url}/repos/acme/widgets/issues`, {
      method: 'POST',
      body: JSON.stringify({ title: 'x' }),
    });
    expect(post.status).toBe(401);
    const g = await gql(emu, null, '{ viewer { login } }');
    expect(g.status).toBe(401);
    expect(g.json.message).toBe('This endpoint requires you to be authenticated.');
  });
});

describe('valid token set', () => {
  it('answers 401 "Bad credentials" to tokens outside the set, accepts token / Bearer / Basic', async () => {
    const emu = await startEmulator({ tokens: { good: 'github-token' } });
    try {
      const bad = await fetch(`${emu.url}/repos/acme/widgets`, { headers: auth('bad') });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toEqual({
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      expect(bad.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
      expect((await gql(emu, 'bad', '{ viewer { login } }')).status).toBe(401);
      expect((await fetch(`${emu.url}/repos/acme/widgets`, { headers: auth('good') })).status).toBe(
        200,
      );
      expect(
        (
          await fetch(`${emu.url}/repos/acme/widgets`, {
            headers: { authorization: 'Bearer good' },
          })
        ).status,
      ).toBe(200);
      const basic = `Basic ${Buffer.from('x-access-token:good').toString('base64')}`;
      expect(
        (await fetch(`${emu.url}/repos/acme/widgets`, { headers: { authorization: basic } }))
          .status,
      ).toBe(200);
      // The workflow token has the 1,000/hour installation limit.
      const r = await fetch(`${emu.url}/repos/acme/widgets`, { headers: auth('good') });
      expect(r.headers.get('x-ratelimit-limit')).toBe('1000');
    } finally {
      await emu.stop();
    }
  });
});
