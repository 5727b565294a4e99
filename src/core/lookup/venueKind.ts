/**
 * Whether a venue named in free text (arXiv's `journal_ref`, a service's venue string) is a
 * conference or workshop, whose papers BibTeX cites as `@inproceedings`, or a journal.
 */
const CONFERENCE_WORDS = new RegExp(
  String.raw`\b(?:proceedings|proc\.|conference|conf\.|workshop|symposium|colloquium|congress|meeting` +
    String.raw`|neurips|nips|icml|iclr|cvpr|iccv|eccv|wacv|bmvc|siggraph|acl|emnlp|naacl|eacl|coling|aaai|ijcai` +
    String.raw`|kdd|sigir|sigmod|vldb|uist|interspeech|icassp|colt|aistats|uai|corl|rss|icra|iros|miccai)\b`,
  'i',
);

export function isConferenceVenue(text: string): boolean {
  return CONFERENCE_WORDS.test(text);
}
