/**
 * Secure defaults for every window, in one place (Electron's security checklist): context
 * isolation, sandboxed renderer, no Node integration, a strict CSP, and no navigation, new
 * windows, webviews or permission grants. Only types are imported from electron so that this
 * module is unit-testable with a fake.
 */
import type { Session, WebContents, WebPreferences } from 'electron';

/** The renderer needs nothing beyond its own bundle; styles inline only for Svelte/uPlot. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Deny every permission request and check (camera, notifications, geolocation, …). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/**
 * No navigation away from the app, no new windows, no webviews. The app is a single page:
 * any navigation is either a bug or an attack (e.g. a link in a file's comments).
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Whether an IPC message comes from the app's own top-level page. `appUrl` is the URL the
 * window loaded (file:// of the built index.html, or the dev server in development).
 */
export function isTrustedSenderUrl(senderUrl: string | undefined | null, appUrl: string): boolean {
  if (!senderUrl) return false;
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(senderUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    return sender.protocol === 'file:' && sender.pathname === app.pathname;
  }
  return sender.origin === app.origin;
}
