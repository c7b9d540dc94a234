/**
 * The exercise clock, pure: the clock state and its commands (clock.ts), which injects are due
 * and the controller's operations on them (injects.ts), and a model of the polling worker for
 * tests and rehearsals (simulate.ts). Nothing here reads the time or touches the database.
 */
export * from './clock.js';
export * from './injects.js';
export * from './simulate.js';
