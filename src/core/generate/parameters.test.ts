import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { templateSlots } from '../catalog/statement-parameters';
import { PARAMETER_SLOTS, PATTERN_SLOTS } from './parameters';

describe('statement slots', () => {
  it('fills every slot of every catalog template from the parameters the statement declares', () => {
    for (const statement of catalog.statements) {
      const declared = new Set(statement.parameters.flatMap((p) => PARAMETER_SLOTS[p].slots));
      for (const [kind, template] of Object.entries(statement.templates)) {
        // Data access patterns fill the actions, resources and accounts of the other templates.
        const filled = new Set([...declared, ...(kind === 'fixed' ? [] : PATTERN_SLOTS)]);
        const unfilled = [...templateSlots(template!)].filter((slot) => !filled.has(slot));
        expect(unfilled, `${statement.sid} ${kind}`).toEqual([]);
      }
    }
  });

  it('fills only the slots each parameter names', () => {
    const context = {
      config: { version: 1 as const, organizationIds: [], regions: [], services: [] },
      sid: catalog.statements[0]!.sid,
      sink: { add: () => undefined } as never,
      organizationIds: undefined as never,
    };
    for (const [parameter, { slots, fill }] of Object.entries(PARAMETER_SLOTS))
      expect(Object.keys(fill(context)).sort(), parameter).toEqual([...slots].sort());
  });
});
