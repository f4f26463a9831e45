/**
 * The choices of the form's service and region fields: the selected services and regions, plus
 * the request's own when it names one that is not selected, marked as such.
 */
import { useMemo } from 'react';
import type { PreviewTarget } from '@/shared/catalog/preview-target';
import type { SelectOption } from '../components/request-form';
import type { RequestDraft } from '../request-draft';

export function useFormOptions(
  target: PreviewTarget,
  draft: Pick<RequestDraft, 'service' | 'region'>,
): { services: SelectOption[]; regions: SelectOption[]; regionHelp: string | undefined } {
  const servicesText = target.services.join(' ');
  const services = useMemo<SelectOption[]>(() => {
    const selected = servicesText.split(' ').filter(Boolean);
    const ids = selected.includes(draft.service) ? selected : [...selected, draft.service];
    return ids.map((id) => ({
      value: id,
      label: `${id}${selected.includes(id) ? '' : ' (not selected)'}`,
    }));
  }, [servicesText, draft.service]);
  const regionsText = target.regions.join(' ');
  const regions = useMemo<SelectOption[]>(() => {
    const selected = regionsText.split(' ').filter(Boolean);
    const listed =
      selected.includes(draft.region) || draft.region === ''
        ? selected
        : [...selected, draft.region];
    return [
      { value: '', label: `First selected${selected[0] ? ` (${selected[0]})` : ''}` },
      ...listed.map((r) => ({
        value: r,
        label: selected.includes(r) ? r : `${r} (not selected)`,
      })),
    ];
  }, [regionsText, draft.region]);
  const regionHelp =
    target.shape !== 'per-region'
      ? 'Every selected region shares one policy; the region names the endpoint the request goes through.'
      : undefined;
  return { services, regions, regionHelp };
}
