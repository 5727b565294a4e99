/** The seeded generator the core uses, so every run of a property test checks the same cases. */
export { seededRandom as prng } from '../../../src/core/seededRandom';
