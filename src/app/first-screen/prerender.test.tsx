import { describe, expect, it } from 'vitest';
import { prerenderFirstScreen } from './prerender';

describe('the first screen built into the page', () => {
  const screen = prerenderFirstScreen();

  it('holds the form and the default policy, with the styles they use', () => {
    expect(screen.html).toMatch(/<label[^>]*>Organization ID<\/label>/);
    expect(screen.html).toContain('role="combobox"');
    expect(screen.html).toContain('AllowRequestsByOrgsIdentitiesToOrgsResources');
    // The policy text is the one the page carries as data for the preview.
    const first = JSON.parse(screen.firstPolicyJson ?? '{}') as { text?: string };
    expect(first.text).toContain('"Version": "2012-10-17"');
    expect(screen.html).toContain('&quot;Version&quot;: &quot;2012-10-17&quot;');
    expect(screen.styleTags).toMatch(/^<style data-emotion="css[ -]/);
  });

  it('cannot close the script element its policy data sits in', () => {
    expect(screen.firstPolicyJson).not.toContain('<');
  });

  it('is the same on every build', () => {
    expect(prerenderFirstScreen()).toEqual(screen);
  });
});
