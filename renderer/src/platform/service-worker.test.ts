import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, type ServiceWorkerHost, subscribeUpdate, updateReady } from './service-worker';

/** Just enough of ServiceWorkerContainer / Registration / ServiceWorker to play an install and an update. */
class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  postMessage = vi.fn();
  become(state: ServiceWorkerState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

function fakeHost(controlled: boolean) {
  const registration = Object.assign(new EventTarget(), {
    installing: null as FakeWorker | null,
    waiting: null as FakeWorker | null,
    update: vi.fn(async () => undefined),
  });
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? new FakeWorker() : null,
    register: vi.fn(async () => registration),
  });
  const host: ServiceWorkerHost = {
    container: container as unknown as ServiceWorkerContainer,
    scriptUrl: 'https://desk.example.com/sw.js',
    reload: vi.fn(),
    checkEveryMs: 3_600_000,
    setInterval: vi.fn(),
  };
  /** A new version downloads and installs; it then waits. */
  const newVersion = () => {
    const worker = new FakeWorker();
    registration.installing = worker;
    registration.dispatchEvent(new Event('updatefound'));
    registration.installing = null;
    registration.waiting = worker;
    worker.become('installed');
    return worker;
  };
  return { host, container, registration, newVersion };
}

describe('the web build service worker', () => {
  it('registers the worker at the root; a first install offers nothing (nothing older runs)', async () => {
    const { host, container, newVersion } = fakeHost(false);
    expect(await registerServiceWorker(host)).not.toBeNull();
    expect(container.register).toHaveBeenCalledWith('https://desk.example.com/sw.js', { type: 'classic' });
    newVersion();
    expect(updateReady()).toBeNull();
    expect(host.setInterval).toHaveBeenCalledWith(expect.any(Function), 3_600_000);
  });

  it('offers a new version without reloading; applying it lets the new worker take over, then reloads', async () => {
    const { host, container, newVersion } = fakeHost(true);
    await registerServiceWorker(host);
    const heard = vi.fn();
    const stop = subscribeUpdate(heard);
    const worker = newVersion();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(host.reload).not.toHaveBeenCalled();

    updateReady()?.();
    expect(worker.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
    container.dispatchEvent(new Event('controllerchange'));
    expect(host.reload).toHaveBeenCalledTimes(1);
    expect(updateReady()).toBeNull();
    stop();
  });

  it("does not reload for another tab's update", async () => {
    const { host, container } = fakeHost(true);
    await registerServiceWorker(host);
    container.dispatchEvent(new Event('controllerchange'));
    expect(host.reload).not.toHaveBeenCalled();
  });

  it('keeps the page working when the worker cannot be registered', async () => {
    const { host, container } = fakeHost(false);
    container.register.mockRejectedValueOnce(new Error('SecurityError'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await registerServiceWorker(host)).toBeNull();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
