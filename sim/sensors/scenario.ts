import {
  accessPoint,
  type Entity,
  floodMonitoring,
  type Place,
  streetlight,
  wasteContainer,
  waterQuality,
} from './devices';

/**
 * Where the demo's devices stand (around Cao Lãnh's centre, near the demo cameras: the first gauge sits inside
 * camera cl-01's field of view, so its alert pops up that camera) and how their readings move.
 */
export const PLACES = {
  gauge: { lon: 105.6322, lat: 10.4601, name: 'Trạm đo mực nước Nguyễn Huệ' },
  gauge2: { lon: 105.6405, lat: 10.4655, name: 'Trạm đo mực nước kênh Đình Trung' },
  bin: { lon: 105.6293, lat: 10.4574, name: 'Thùng rác chợ Cao Lãnh' },
  lamp: { lon: 105.6352, lat: 10.4612, name: 'Đèn đường Lý Thường Kiệt 12' },
  water: { lon: 105.6265, lat: 10.4548, name: 'Trạm quan trắc nước sạch Phường 1' },
  wifi: { lon: 105.6331, lat: 10.4588, name: 'Wi-Fi công cộng công viên Văn Miếu' },
} satisfies Record<string, Place>;

/** A cycle of `periodSteps`: the gauge rises from 0.9 m past its alert level (1.5 m) to 2.1 m and falls back. */
export function floodLevelAt(step: number, periodSteps: number): number {
  const phase = (step % periodSteps) / periodSteps;
  return 0.9 + 1.2 * Math.sin(Math.PI * phase) ** 2;
}

/** A container filling a little each step, emptied by the collection round when full. */
export function fillAt(step: number, periodSteps: number): number {
  return Math.min(1, ((step % periodSteps) + 1) / periodSteps);
}

/** The lamp works, fails for a while in the middle of each cycle, then is repaired. */
export function lampAt(step: number, periodSteps: number): 'ok' | 'defectiveLamp' {
  const phase = (step % periodSteps) / periodSteps;
  return phase >= 0.4 && phase < 0.7 ? 'defectiveLamp' : 'ok';
}

/** Every device's reading at one step of the demo scenario. */
export function demoReadings(step: number, at: Date, periodSteps = 120): Entity[] {
  return [
    floodMonitoring('cl-nguyen-hue', PLACES.gauge, floodLevelAt(step, periodSteps), at),
    floodMonitoring('cl-dinh-trung', PLACES.gauge2, floodLevelAt(step + periodSteps / 3, periodSteps) - 0.3, at),
    wasteContainer('cl-cho-01', PLACES.bin, fillAt(step, Math.round(periodSteps / 2)), at),
    streetlight('cl-ltk-12', PLACES.lamp, lampAt(step, periodSteps), at),
    waterQuality('cl-p1', PLACES.water, 7.2 + 0.2 * Math.sin(step / 7), 0.5, at),
    accessPoint('cl-van-mieu', PLACES.wifi, step % periodSteps < periodSteps * 0.85, at),
  ];
}
