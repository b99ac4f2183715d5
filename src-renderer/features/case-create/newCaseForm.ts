import type { CommandInput } from '../../../src-shared/contract';

export interface NewCaseForm {
  serviceCode: string;
  description: string;
  address: string;
  lat: string;
  long: string;
  attachSnapshot: boolean;
}

export type NewCaseProblem = 'needCategory' | 'needDescription' | 'badLocation';

/** The form as a camera opens it: its position filled in, its snapshot attached. */
export function initialForm(camera: { location: { lat: number; lon: number } | null } | null): NewCaseForm {
  return {
    serviceCode: '',
    description: '',
    address: '',
    lat: camera?.location ? String(camera.location.lat) : '',
    long: camera?.location ? String(camera.location.lon) : '',
    attachSnapshot: camera !== null,
  };
}

function coordinate(text: string, limit: number): number | null | 'bad' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : 'bad';
}

/** The `case.create` input, or what is wrong with the form. */
export function newCaseInput(
  form: NewCaseForm,
  cameraId: string | null,
): { ok: true; input: CommandInput<'case.create'> } | { ok: false; problem: NewCaseProblem } {
  if (form.serviceCode === '') return { ok: false, problem: 'needCategory' };
  const description = form.description.trim();
  if (description === '') return { ok: false, problem: 'needDescription' };
  const lat = coordinate(form.lat, 90);
  const long = coordinate(form.long, 180);
  if (lat === 'bad' || long === 'bad' || (lat === null) !== (long === null))
    return { ok: false, problem: 'badLocation' };
  const address = form.address.trim();
  return {
    ok: true,
    input: {
      serviceCode: form.serviceCode,
      description,
      ...(lat !== null && long !== null ? { lat, long } : {}),
      ...(address ? { addressString: address } : {}),
      ...(cameraId && form.attachSnapshot ? { snapshotCameraId: cameraId } : {}),
    },
  };
}
