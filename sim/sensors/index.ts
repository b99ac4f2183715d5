export * from './devices';
export * from './scenario';
export { createPublisher, type Publisher, type PublisherOptions } from './publisher';
