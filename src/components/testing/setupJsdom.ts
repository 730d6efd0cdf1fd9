/**
 * jsdom gaps that @grafana/scenes and @grafana/ui hit at import time and that the managed jest setup
 * (.config/jest-setup.js) does not cover yet. Import this first in a frontend test file, before anything
 * that pulls in @grafana/ui or @grafana/scenes.
 */

// Scenes' lazy loader creates an IntersectionObserver when its module loads; nothing is lazily shown in tests.
if (!('IntersectionObserver' in globalThis)) {
  class NoopIntersectionObserver {
    readonly root = null;
    readonly rootMargin = '';
    readonly thresholds: number[] = [];
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
    takeRecords(): [] {
      return [];
    }
  }
  Object.defineProperty(globalThis, 'IntersectionObserver', { value: NoopIntersectionObserver, writable: true });
}

// react-calendar ships ESM only and the managed jest config does not transform it; no test opens a calendar.
jest.mock('react-calendar', () => ({ __esModule: true, default: () => null }));

// Icons load their SVG asynchronously and re-render outside act(); the markup of an icon is not under test.
jest.mock('react-inlinesvg', () => ({ __esModule: true, default: () => null }));
