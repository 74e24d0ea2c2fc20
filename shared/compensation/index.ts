export * from './matrix';
export * from './compensate';
export { kernelFor, genericKernel, type Kernel } from './kernel';
