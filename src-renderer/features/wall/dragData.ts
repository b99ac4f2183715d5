import type { DragEvent } from 'react';

/** Drag payloads inside the wall page: a camera from the list, or a tile being moved onto another. */
const CAMERA = 'application/x-ioc-camera';
const TILE = 'application/x-ioc-tile';

export type DropPayload = { kind: 'camera'; cameraId: string } | { kind: 'tile'; index: number };

export function dragCamera(event: DragEvent, cameraId: string): void {
  event.dataTransfer.setData(CAMERA, cameraId);
  event.dataTransfer.setData('text/plain', cameraId);
  event.dataTransfer.effectAllowed = 'copy';
}

export function dragTile(event: DragEvent, index: number): void {
  event.dataTransfer.setData(TILE, String(index));
  event.dataTransfer.effectAllowed = 'move';
}

export function acceptsDrop(event: DragEvent): boolean {
  const types = event.dataTransfer.types;
  return types.includes(CAMERA) || types.includes(TILE);
}

export function readDrop(event: DragEvent): DropPayload | null {
  const cameraId = event.dataTransfer.getData(CAMERA);
  if (cameraId) return { kind: 'camera', cameraId };
  const tile = Number.parseInt(event.dataTransfer.getData(TILE), 10);
  return Number.isInteger(tile) && tile >= 0 ? { kind: 'tile', index: tile } : null;
}
