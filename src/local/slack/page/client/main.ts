import { Playground } from './app';

/** Finds a fixed part of the page by id (index.html has them all). */
function part<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element as T;
}

const requested = new URL(location.href).searchParams.get('as');
const playground = new Playground(
  {
    switcher: part('user-switcher'),
    who: part('who-detail'),
    live: part('live-status'),
    sidebar: part('sidebar'),
    header: part('conversation-header'),
    conversation: part('conversation'),
    composer: part('composer'),
    composerInput: part('composer-input'),
    thread: part('thread'),
    modal: part('modal-root'),
  },
  requested ?? localStorage.getItem('playground.as') ?? 'requester',
);
playground.start();
