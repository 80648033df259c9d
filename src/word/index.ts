export * from './word.js';
