import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_SCRIPTS_ATTRIBUTE, startEarly } from './firstLoad';
import { pageNames } from './pages/pageNames';
import { stubFetch } from './test/fetchStub';

const preloaded = () =>
  [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) =>
    link.getAttribute('href'),
  );

describe('the early start', () => {
  afterEach(() => document.head.replaceChildren());

  it('preloads the opening page’s scripts, as the build lists them on its tag', () => {
    const tag = document.createElement('script');
    tag.setAttribute(
      PAGE_SCRIPTS_ATTRIBUTE,
      JSON.stringify({
        TransactionsPage: ['/assets/TransactionsPage-1.js', '/assets/Dialog-2.js'],
        HomePage: ['/assets/HomePage-3.js'],
      }),
    );
    document.head.append(tag);
    stubFetch({});
    startEarly({ pathname: '/transactions/', search: '' });
    expect(preloaded()).toEqual(['/assets/TransactionsPage-1.js', '/assets/Dialog-2.js']);
  });

  it('preloads nothing without the build’s list (development) or on an unknown page', () => {
    stubFetch({});
    startEarly({ pathname: '/transactions', search: '' });
    const tag = document.createElement('script');
    tag.setAttribute(PAGE_SCRIPTS_ATTRIBUTE, JSON.stringify({ HomePage: ['/assets/HomePage-3.js'] }));
    document.head.append(tag);
    startEarly({ pathname: '/nowhere', search: '' });
    expect(preloaded()).toEqual([]);
  });

  it('knows each page by the name of its module, as the build names its script', () => {
    const modules = Object.keys(import.meta.glob('./pages/*Page.tsx'));
    for (const name of Object.values(pageNames)) expect(modules).toContain(`./pages/${name}.tsx`);
  });
});
