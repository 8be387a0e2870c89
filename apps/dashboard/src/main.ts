/**
 * Entry point: wires the pure state (controller, feed, session flow) to the DOM views and the browser
 * APIs (fetch, EventSource, keyboard, storage). Loaded as an external module script, so the page works
 * under a CSP without 'unsafe-inline' for scripts.
 */
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/status.css';
import './styles/panels.css';
import './styles/upstreams.css';
import './styles/usage.css';
import './styles/overlays.css';
import { ApiClient } from './api/client';
import { DashboardController } from './app/dashboard-controller';
import { DomDashboardUi } from './app/dashboard-ui';
import { bindShortcuts } from './app/keyboard-binding';
import { SessionFlow } from './app/session-flow';
import { LiveFeed } from './live/feed';
import { PreferencesStore } from './prefs/preferences-store';
import { loadUsageWindow, saveUsageWindow } from './prefs/usage-window-store';
import { byId } from './ui/dom';
import { eventSourceOpener } from './ui/event-source';
import { HelpDialog } from './ui/help-dialog';
import { SignInView } from './ui/sign-in-view';
import { UsageView } from './ui/usage-view';
import { UsageLoader } from './usage/usage-loader';
import { describeUsage } from './usage/usage-panel';

const prefs = new PreferencesStore();
const client = new ApiClient((url, init) => window.fetch(url, init), () => window.location.href);
const ui = new DomDashboardUi();
const controller = new DashboardController(ui);
const signInView = new SignInView();

// The feed reports 401s to the session flow, which is built from the feed: the callback only runs once
// the feed has been started by the flow, so `flow` is initialised by then.
const feed = new LiveFeed({
  openStream: eventSourceOpener(() => client.url('stream')),
  fetchSummary: () => client.summary(),
  onSnapshot: (snapshot) => {
    controller.acceptSnapshot(snapshot);
    usage.noticeRequests(snapshot.totals.requests);
  },
  onState: (state) => controller.setConnection(state),
  onUnauthorised: () => flow.handleUnauthorised(),
  onBadData: (error) => console.warn('Skipped an unreadable snapshot', error),
});
// Top clients: its own once-a-minute query, started and stopped with the feed by the session flow.
const usageView = new UsageView();
const usage = new UsageLoader(
  {
    fetchUsage: (range) => client.usage(range),
    now: () => Date.now(),
    onState: (state) => usageView.render(describeUsage(state)),
    onUnauthorised: () => flow.handleUnauthorised(),
  },
  loadUsageWindow(),
);
usageView.bind(usage.state.window, (choice) => {
  saveUsageWindow(choice);
  usage.setWindow(choice);
});
usageView.render(describeUsage(usage.state));
const liveData = {
  start: () => {
    feed.start();
    usage.start();
  },
  signedOut: () => {
    feed.signedOut();
    usage.stop();
  },
};
const flow = new SessionFlow(client, liveData, signInView);

const help = new HelpDialog([byId('main', HTMLElement), ...window.document.querySelectorAll<HTMLElement>('body > header, body > footer, .skip-link')]);
ui.history.bind(controller);
signInView.bind(
  (token) => flow.submitToken(token),
  () => void flow.signOut(),
);

const refresh = (): void => {
  void feed.refresh();
  void usage.refresh();
};
const actions = {
  help: () => help.open(),
  close: () => help.close(),
  refresh,
  'history-back': () => controller.stepBack(),
  'history-forward': () => controller.stepForward(),
  live: () => controller.goLive(),
  pause: () => controller.togglePause(),
  theme: () => prefs.toggle('theme'),
};
bindShortcuts(actions, () => help.isOpen);

const themeButton = byId('btn-theme', HTMLButtonElement);
const motionButton = byId('btn-motion', HTMLButtonElement);
const showPreferences = (): void => {
  themeButton.setAttribute('aria-pressed', String(prefs.preferences.theme === 'dark'));
  motionButton.setAttribute('aria-pressed', String(prefs.preferences.motion === 'reduced'));
};
showPreferences();
prefs.onChange(() => {
  showPreferences();
  ui.charts.rebuild(); // canvas colours come from the theme's CSS variables
});
themeButton.addEventListener('click', () => prefs.toggle('theme'));
motionButton.addEventListener('click', () => prefs.toggle('motion'));
byId('btn-refresh', HTMLButtonElement).addEventListener('click', refresh);
byId('btn-pause', HTMLButtonElement).addEventListener('click', actions.pause);
byId('btn-help', HTMLButtonElement).addEventListener('click', actions.help);

// Coming back online or to the tab: reconnect now instead of waiting out the backoff.
window.addEventListener('online', () => feed.reconnectNow());
window.document.addEventListener('visibilitychange', () => window.document.visibilityState === 'visible' && feed.reconnectNow());

controller.setConnection(feed.connection);
void flow.begin();
