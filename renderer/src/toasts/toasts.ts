import { create } from 'zustand';

/**
 * Short notices in the corner that need no answer but may offer one action (Undo, Review). A toast never takes
 * focus and is not a live region: what it says is also announced once through the Announcer (`useUi.announce`),
 * so screen readers hear it exactly once. Its action button is in the tab order (the last stop on the page).
 */
export interface Toast {
  /** A toast with the same id replaces the one shown (the undo toast becomes the undo's outcome). */
  id: string;
  tone: 'info' | 'warning' | 'danger';
  text: string;
  action?: { label: string; keys?: string; run(): void };
  /** Epoch ms when it leaves by itself. */
  until: number;
}

interface ToastState {
  toasts: Toast[];
  show(toast: Toast): void;
  dismiss(id: string): void;
}

/** At most this many at once; the oldest leaves first. */
const MAX_TOASTS = 3;

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  show: (toast) => set((s) => ({ toasts: [...s.toasts.filter((t) => t.id !== toast.id), toast].slice(-MAX_TOASTS) })),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
