import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '../rx/demo-data';
import type { Session } from '../rx/store-api';
import { type FakePlatform, installFakePlatform, removeFakePlatform } from '../testing/fake-platform';
import { SignIn } from './SignIn';

const agent = DEMO_USERS[0];
let platform: FakePlatform;
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  localStorage.clear();
  platform = installFakePlatform(null);
  fetchMock = vi.fn(
    async () =>
      new Response(JSON.stringify({ token: 'token-0123456789abcdef', user: agent }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  cleanup();
  removeFakePlatform();
  vi.unstubAllGlobals();
});

/** The page as the desktop shows it: a reload (a new key) remounts sign-in from scratch, as main's reload would. */
function Page({ onSignedIn }: { onSignedIn(s: Session): void }) {
  const [loads, setLoads] = useState(0);
  platform.onServerChange = () => setLoads((n) => n + 1);
  return (
    <MantineProvider>
      <SignIn key={loads} onSignedIn={onSignedIn} />
    </MantineProvider>
  );
}

const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });

describe('signing in', () => {
  it('asks for the server first, stores it before anything talks to a server, then signs in at the first try', async () => {
    const signedIn = vi.fn();
    render(<Page onSignedIn={signedIn} />);
    type(await screen.findByRole('textbox', { name: /Server/ }), 'https://desk.example.com/');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    // The desktop reloads the page for the new origin; the credentials step comes back with the stored server.
    expect((await screen.findByTestId('signin-server')).textContent).toContain('https://desk.example.com');
    expect(platform.setServerUrl).toHaveBeenCalledWith('https://desk.example.com');
    expect(fetchMock).not.toHaveBeenCalled();

    type(screen.getByRole('textbox', { name: 'Email' }), 'agent@demo.local');
    type(screen.getByLabelText(/^Password/), 'demo1234');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signedIn).toHaveBeenCalledTimes(1));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('https://desk.example.com/api/auth/login');
    expect(platform.tokens.get('https://desk.example.com')).toBe('token-0123456789abcdef');
  });

  it('goes straight to the credentials when a server is configured, and can change it', async () => {
    platform.serverUrl = 'https://desk.example.com';
    render(<Page onSignedIn={vi.fn()} />);
    expect((await screen.findByTestId('signin-server')).textContent).toContain('https://desk.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Change server' }));
    type(screen.getByRole('textbox', { name: /Server/ }), 'not a url');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Enter the server address');
    expect(platform.setServerUrl).not.toHaveBeenCalled();
  });

  it('names a wrong password and keeps the user on the credentials step', async () => {
    platform.serverUrl = 'https://desk.example.com';
    fetchMock.mockResolvedValueOnce(new Response('{}', { status: 401 }));
    render(<Page onSignedIn={vi.fn()} />);
    type(await screen.findByRole('textbox', { name: 'Email' }), 'agent@demo.local');
    type(screen.getByLabelText(/^Password/), 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong email or password');
    expect(screen.getByTestId('signin-server').textContent).toContain('https://desk.example.com');
  });

  it('refuses a requester account, sends them to the portal and ends the session the server opened', async () => {
    platform.serverUrl = 'https://desk.example.com';
    const requester = DEMO_USERS.find((u) => u.role === 'requester');
    fetchMock.mockImplementation(async (url: string) =>
      url.endsWith('/api/auth/login')
        ? new Response(JSON.stringify({ token: 'token-requester-0123456789', user: requester }), { status: 200 })
        : new Response(null, { status: 204 }),
    );
    const signedIn = vi.fn();
    render(<Page onSignedIn={signedIn} />);
    type(await screen.findByRole('textbox', { name: 'Email' }), 'requester@demo.local');
    type(screen.getByLabelText(/^Password/), 'demo1234');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Cannot sign inrequester@demo.local is a requester account: the workstation is for IT staff. Raise and follow your requests in the portal at https://desk.example.com/portal/',
    );
    expect(signedIn).not.toHaveBeenCalled();
    expect(platform.tokens.has('https://desk.example.com')).toBe(false);
    expect(fetchMock.mock.calls.map((call) => call[0])).toEqual([
      'https://desk.example.com/api/auth/login',
      'https://desk.example.com/api/auth/logout',
    ]);
  });

  it('offers to work offline with the replica on this device when the server cannot be reached', async () => {
    const server = 'https://desk.example.com';
    platform.serverUrl = server;
    // A previous sign-in of this account on this device: its session and token are kept with the replica.
    localStorage.setItem('workstation.session', JSON.stringify({ serverUrl: server, user: agent }));
    platform.tokens.set(server, 'token-0123456789abcdef');
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const onSignedIn = vi.fn();
    render(<Page onSignedIn={onSignedIn} />);
    type(await screen.findByRole('textbox', { name: 'Email' }), 'someone.else@demo.local');
    type(screen.getByLabelText(/^Password/), 'demo1234');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no local copy for this account');
    expect(screen.queryByRole('button', { name: 'Work offline' })).toBeNull();

    type(screen.getByRole('textbox', { name: 'Email' }), agent?.email ?? '');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Work offline' }));
    expect(screen.getByRole('alert').textContent).toContain(`Cannot reach ${server}`);
    expect(onSignedIn).toHaveBeenCalledWith({ serverUrl: server, user: agent, token: 'token-0123456789abcdef' });
  });

  it('offers no "keep me signed in" on the desktop, which keeps the token in the OS keychain anyway', async () => {
    platform.serverUrl = 'https://desk.example.com';
    render(<Page onSignedIn={vi.fn()} />);
    await screen.findByRole('textbox', { name: 'Email' });
    expect(screen.queryByRole('checkbox', { name: /Keep me signed in/ })).toBeNull();
  });

  it.each([
    ['keeps the token on the device when "keep me signed in" is ticked', true],
    ['forgets any token kept on the device when it is left unticked (the default)', false],
  ])('web: %s', async (_, tick) => {
    removeFakePlatform();
    platform = installFakePlatform('https://desk.example.com', { shell: 'web' });
    platform.kept.set('https://desk.example.com', 'token-from-an-earlier-sign-in');
    const signedIn = vi.fn();
    render(<Page onSignedIn={signedIn} />);
    type(await screen.findByRole('textbox', { name: 'Email' }), 'agent@demo.local');
    type(screen.getByLabelText(/^Password/), 'demo1234');
    const keep = screen.getByRole('checkbox', { name: /Keep me signed in on this device/ }) as HTMLInputElement;
    expect(keep.checked).toBe(false);
    if (tick) fireEvent.click(keep);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signedIn).toHaveBeenCalledTimes(1));
    expect(platform.tokens.get('https://desk.example.com')).toBe('token-0123456789abcdef');
    expect(platform.kept.get('https://desk.example.com')).toBe(tick ? 'token-0123456789abcdef' : undefined);
  });

  it('warns before using a plain http:// server beyond this machine, and uses it only after a second, deliberate click', async () => {
    const signedIn = vi.fn();
    render(<Page onSignedIn={signedIn} />);
    type(await screen.findByRole('textbox', { name: /Server/ }), 'http://desk.example.com:4100');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'desk.example.com:4100 is a plain http:// address: your password and tickets would cross the network unencrypted',
    );
    expect(platform.setServerUrl).not.toHaveBeenCalled();

    // Another address takes the warning away; coming back to this one asks again.
    type(screen.getByRole('textbox', { name: /Server/ }), 'http://desk.example.com:4101');
    expect(screen.queryByTestId('insecure-server-warning')).toBeNull();
    type(screen.getByRole('textbox', { name: /Server/ }), 'http://desk.example.com:4100');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use it anyway' }));
    expect(platform.setServerUrl).toHaveBeenCalledWith('http://desk.example.com:4100');

    // The credentials step says it again beside the password, and signing in is still possible.
    await screen.findByText(/Your password goes to desk\.example\.com:4100 unencrypted/);
    type(screen.getByRole('textbox', { name: 'Email' }), 'agent@demo.local');
    type(screen.getByLabelText(/^Password/), 'demo1234');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in anyway' }));
    await waitFor(() => expect(signedIn).toHaveBeenCalledTimes(1));
    expect(fetchMock.mock.calls[0]?.[0]).toBe('http://desk.example.com:4100/api/auth/login');
  });

  it.each(['https://desk.example.com', 'http://127.0.0.1:4100', 'http://localhost:4100', 'http://[::1]:4100'])(
    'says nothing of encryption for %s',
    async (server) => {
      render(<Page onSignedIn={vi.fn()} />);
      type(await screen.findByRole('textbox', { name: /Server/ }), server);
      fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
      await screen.findByTestId('signin-server');
      expect(platform.setServerUrl).toHaveBeenCalledTimes(1);
      expect(screen.queryByTestId('insecure-server-warning')).toBeNull();
      expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    },
  );
});
