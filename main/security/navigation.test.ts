import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appOrigins } from '../app-origin';
import {
  type GuardOptions,
  guardWebContents,
  willNavigateHandler,
  willRedirectHandler,
  windowOpenHandler,
} from './navigation';

function options(isPackaged = true): GuardOptions & { opened: string[]; warnings: string[] } {
  const opened: string[] = [];
  const warnings: string[] = [];
  return {
    origins: appOrigins({ isPackaged, rendererUrl: 'http://localhost:5173' }),
    openExternal: (url) => opened.push(url),
    warn: (message) => warnings.push(message),
    opened,
    warnings,
  };
}

const navigation = (url: string) => ({ url, preventDefault: vi.fn() });

describe('window.open', () => {
  it('is always denied; http(s) and mailto links go to the OS instead', () => {
    const guard = options();
    const handler = windowOpenHandler(guard);
    expect(handler({ url: 'https://kb.example.com/article/7' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'mailto:requester@example.com' })).toEqual({ action: 'deny' });
    expect(guard.opened).toEqual(['https://kb.example.com/article/7', 'mailto:requester@example.com']);
  });

  it('never hands other schemes to the OS', () => {
    const guard = options();
    const handler = windowOpenHandler(guard);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'app://workstation/index.html']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(guard.opened).toEqual([]);
    expect(guard.warnings).toHaveLength(4);
  });
});

describe('navigation guards', () => {
  it('lets the page navigate within the app', () => {
    const event = navigation('app://workstation/index.html#/ticket/1');
    willNavigateHandler(options())(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks navigation off the app origin, sending web links to the OS browser', () => {
    const guard = options();
    const web = navigation('https://phish.example.com/login');
    const file = navigation('file:///home/agent/.ssh/id_rsa');
    willNavigateHandler(guard)(web);
    willNavigateHandler(guard)(file);
    expect(web.preventDefault).toHaveBeenCalled();
    expect(file.preventDefault).toHaveBeenCalled();
    expect(guard.opened).toEqual(['https://phish.example.com/login']);
  });

  it('treats the Vite dev server as the app only in development', () => {
    const dev = navigation('http://localhost:5173/');
    willNavigateHandler(options(false))(dev);
    expect(dev.preventDefault).not.toHaveBeenCalled();
    const packaged = navigation('http://localhost:5173/');
    willNavigateHandler(options(true))(packaged);
    expect(packaged.preventDefault).toHaveBeenCalled();
  });

  it('blocks redirects off the app origin without opening them anywhere', () => {
    const guard = options();
    const event = navigation('https://elsewhere.example.com/');
    willRedirectHandler(guard)(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(guard.opened).toEqual([]);
  });

  it('installs every guard on a web contents, and refuses <webview>', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    const guard = options();
    // A fake with the two members guardWebContents uses; the real WebContents needs a running Electron.
    guardWebContents(contents as unknown as WebContents, guard);

    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as ReturnType<typeof windowOpenHandler>;
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigate = navigation('https://example.com/');
    contents.emit('will-navigate', navigate);
    expect(navigate.preventDefault).toHaveBeenCalled();
    const redirect = navigation('https://example.com/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
