/** The walkthrough in package.json, and that the first start offers it once. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  WALKTHROUGH_ID,
  WALKTHROUGH_OFFERED_KEY,
  offerWalkthroughOnce,
  walkthroughsAllowed,
  type WalkthroughOfferDeps,
} from '../../src/ui/walkthrough';
import { localized, pkg, root, shipped } from './helpers/packageFiles';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; image?: string; altText?: string };
  completionEvents?: string[];
}

const walkthroughs: { id: string; title: string; description: string; steps: Step[] }[] = pkg.contributes.walkthroughs;

describe('walkthrough', () => {
  const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
  const settings = new Set(Object.keys(pkg.contributes.configuration.properties));
  const views = new Set(
    Object.values(pkg.contributes.views as Record<string, { id: string }[]>)
      .flat()
      .map((v) => v.id),
  );

  it('is the one WALKTHROUGH_ID names, with a localised title and description', () => {
    assert.equal(walkthroughs.length, 1);
    const [w] = walkthroughs;
    assert.equal(`${pkg.publisher}.${pkg.name}#${w.id}`, WALKTHROUGH_ID);
    assert.ok(localized(w.title) && localized(w.description));
    assert.ok(w.title.startsWith('%') && w.description.startsWith('%'), 'strings come from package.nls.json');
  });

  it('has four steps: open the feed, open a paper, cite it, set a watch list', () => {
    const [w] = walkthroughs;
    assert.deepEqual(
      w.steps.map((s) => s.completionEvents),
      [
        ['onView:litfeed.feed'],
        ['onCommand:litfeed.openPaper'],
        ['onCommand:litfeed.cite', 'onCommand:litfeed.citeById'],
        ['onSettingChanged:litfeed.watch.keywords', 'onSettingChanged:litfeed.watch.authors'],
      ],
    );
  });

  for (const [i, step] of (walkthroughs[0]?.steps ?? []).entries()) {
    it(`step ${i + 1} (${step.id}): shipped media, localised text, completed by doing it`, () => {
      for (const text of [step.title, step.description, step.media.altText ?? '']) {
        assert.match(text, /^%[\w.]+%$/, `${step.id}: ${text}`);
        assert.ok(localized(text), `${step.id}: ${text} has no package.nls.json entry`);
      }
      const media = step.media.svg ?? step.media.image;
      assert.ok(media, `${step.id} has an image`);
      assert.ok(existsSync(path.join(root, media)), `${media} exists`);
      assert.ok(shipped(media), `${media} is in the .vsix (.vscodeignore)`);
      if (media.endsWith('.svg')) {
        const svg = readFileSync(path.join(root, media), 'utf8');
        assert.match(svg, /^<svg [^>]*viewBox=/);
        assert.doesNotMatch(svg, /<script|href="http/i, 'a plain drawing');
      }
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} is completed by an event`);
      for (const event of step.completionEvents ?? []) {
        const [kind, what] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(what), event);
        else if (kind === 'onView') assert.ok(views.has(what), event);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(what), event);
        else assert.fail(`unexpected completion event ${event}`);
      }
      // The step's button runs what completes it (or shows the view it waits for).
      const links = [...(localized(step.description) ?? '').matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.equal(links.length, 1, `${step.id} has one button`);
      const [link] = links;
      assert.ok(
        commands.has(link) || views.has(link.replace(/\.focus$/, '')) || link === 'workbench.action.openSettings',
        `${step.id} button runs ${link}`,
      );
    });
  }

  describe('offered once', () => {
    function deps(allowed = true) {
      const stored = new Map<string, unknown>();
      const opened: string[] = [];
      const d: WalkthroughOfferDeps = {
        state: {
          get: (<T>(key: string) => stored.get(key) as T) as WalkthroughOfferDeps['state']['get'],
          update: async (key: string, value: unknown) => void stored.set(key, value),
        },
        allowed: () => allowed,
        open: async (id) => void opened.push(id),
      };
      return { d, stored, opened };
    }

    it('opens the walkthrough on the first start, and never again', async () => {
      const { d, stored, opened } = deps();
      assert.equal(await offerWalkthroughOnce(d), true);
      assert.equal(await offerWalkthroughOnce(d), false);
      assert.equal(await offerWalkthroughOnce(d), false);
      assert.deepEqual(opened, [WALKTHROUGH_ID]);
      assert.equal(stored.get(WALKTHROUGH_OFFERED_KEY), true);
    });

    it('offers nothing while VS Code is told to open no walkthrough or start-up editor, and keeps the offer', async () => {
      const off = deps(false);
      assert.equal(await offerWalkthroughOnce(off.d), false);
      assert.deepEqual(off.opened, []);
      assert.equal(off.stored.has(WALKTHROUGH_OFFERED_KEY), false);
    });

    it("reads VS Code's walkthroughs-on-install and start-up editor settings", () => {
      const config = (values: Record<string, unknown>) => ({
        get: (<T>(key: string, fallback?: T) => (key in values ? values[key] : fallback) as T) as never,
      });
      assert.equal(walkthroughsAllowed(config({})), true);
      assert.equal(walkthroughsAllowed(config({ 'workbench.startupEditor': 'welcomePage' })), true);
      assert.equal(walkthroughsAllowed(config({ 'workbench.welcomePage.walkthroughs.openOnInstall': false })), false);
      assert.equal(walkthroughsAllowed(config({ 'workbench.startupEditor': 'none' })), false);
    });

    it('does not offer again after opening failed', async () => {
      const { d, stored } = deps();
      d.open = async () => {
        throw new Error('no workbench');
      };
      await assert.rejects(offerWalkthroughOnce(d));
      assert.equal(stored.get(WALKTHROUGH_OFFERED_KEY), true);
      assert.equal(await offerWalkthroughOnce({ ...d, open: async () => undefined }), false);
    });
  });
});
