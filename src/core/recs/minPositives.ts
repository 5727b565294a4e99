/**
 * Below this many kept papers the "For you" order falls back to watch-list matches, then
 * upvotes. Its own module: the start-up bundle's views say it without loading the model.
 */
export const MIN_POSITIVES = 5;
