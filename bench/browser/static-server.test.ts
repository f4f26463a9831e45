import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from './static-server';

describe('startStaticServer', () => {
  let root: string;
  let server: StaticServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'static-server-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'index.js'), 'export {};');
    server = await startStaticServer(root);
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and a free port', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.origin).not.toMatch(/:0$/);
  });
  it('serves files uncompressed with their content type', async () => {
    const response = await fetch(`${server.origin}/assets/index.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe('export {};');
  });
  it('falls back to index.html for app routes but not for missing assets', async () => {
    expect(await (await fetch(`${server.origin}/some/route`)).text()).toContain(
      '<title>app</title>',
    );
    expect((await fetch(`${server.origin}/assets/missing.js`)).status).toBe(404);
  });
  it('refuses paths outside its directory', async () => {
    const response = await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`);
    expect(response.status).toBe(403);
  });
  it('answers a malformed path with 400 and keeps serving', async () => {
    expect((await fetch(`${server.origin}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${server.origin}/assets/index.js`)).status).toBe(200);
  });
});
