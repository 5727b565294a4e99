/**
 * Hard cases for BibTeX output, most of them real papers (arXiv metadata as arXiv lists it),
 * the rest built to hit one difficulty each. Shared by the unit tests and the real-bibtex run.
 */
import type { Paper } from '../../../src/core/paper';
import { paper } from '../../helpers/paper';

export interface BibCase {
  name: string;
  paper: Paper;
  /** Expected keys per style, where the case is about keys. */
  keys?: { arxiv?: string; google?: string; bbt?: string };
  /** The year written, when the paper has no `published` date to take it from. */
  year?: string;
  /** The title as the parser reads it back, when it differs from the paper's title (math). */
  parsedTitle?: string;
  /** Author names as the parser reads them back, when they differ from the input order. */
  parsedAuthors?: string[];
  /** The title read back from the ASCII entry, when ASCII cannot say it the same way. */
  asciiParsedTitle?: string;
  /** Author names read back from the ASCII entry, when ASCII cannot say them the same way. */
  asciiParsedAuthors?: string[];
  /** Text the UTF-8 entry must contain. */
  contains?: string[];
  /** Text the ASCII entry must contain. */
  asciiContains?: string[];
  /** Text the UTF-8 entry must not contain. */
  lacks?: string[];
}

const many = Array.from({ length: 320 }, (_, i) => `Author${i} Surname${String.fromCharCode(65 + (i % 26))}${i}`);

export const BIB_CASES: BibCase[] = [
  {
    name: 'arXiv reference entry',
    paper: paper({
      arxivId: '1706.03762',
      title: 'Attention Is All You Need',
      authors: [
        'Ashish Vaswani',
        'Noam Shazeer',
        'Niki Parmar',
        'Jakob Uszkoreit',
        'Llion Jones',
        'Aidan N. Gomez',
        'Łukasz Kaiser',
        'Illia Polosukhin',
      ],
      published: '2017-06-12T17:57:34Z',
      categories: ['cs.CL', 'cs.LG'],
    }),
    keys: { arxiv: 'vaswani2017attentionneed', google: 'vaswani2017attention', bbt: 'vaswaniAttentionAllYou2017' },
    contains: [
      '@misc{vaswani2017attentionneed,\n      title={Attention Is All You Need},\n',
      '      year={2017},\n      eprint={1706.03762},\n      archivePrefix={arXiv},\n      primaryClass={cs.CL},\n      url={https://arxiv.org/abs/1706.03762},\n}\n',
      'Aidan N. Gomez and Łukasz Kaiser',
    ],
    asciiContains: ['{\\L}ukasz Kaiser'],
  },
  {
    name: 'acronym before a colon, sentence-cased rest',
    paper: paper({
      arxivId: '1810.04805',
      title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
      authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
      published: '2018-10-11',
    }),
    keys: {
      arxiv: 'devlin2018bertpretrainingdeepbidirectional',
      google: 'devlin2018bert',
      bbt: 'devlinBERTPreTraining2018',
    },
    contains: ['title={{BERT:} Pre-training of Deep Bidirectional Transformers for Language Understanding}'],
  },
  {
    name: 'particle surname, no arXiv id, journal',
    paper: paper({
      id: 'jmlr-v9-vandermaaten08a',
      title: 'Visualizing Data using t-SNE',
      authors: ['Laurens van der Maaten', 'Geoffrey Hinton'],
      published: '2008-11-01',
      journalRef: 'Journal of Machine Learning Research 9(86):2579-2605',
    }),
    keys: {
      arxiv: 'vandermaaten2008visualizingdatausingtsne',
      google: 'van2008visualizing',
      bbt: 'vandermaatenVisualizingDataUsing2008',
    },
    contains: [
      'author={Laurens van der Maaten and Geoffrey Hinton}',
      'journal={Journal of Machine Learning Research 9(86):2579-2605}',
      '{t-SNE}',
    ],
    lacks: ['eprint', 'archivePrefix', 'url='],
  },
  {
    name: 'article at the start',
    paper: paper({
      arxivId: '2010.11929',
      title: 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale',
      authors: ['Alexey Dosovitskiy', 'Lucas Beyer', 'Alexander Kolesnikov'],
      published: '2020-10-22',
      categories: ['cs.CV'],
    }),
    keys: {
      arxiv: 'dosovitskiy2020imageworth16x16words',
      google: 'dosovitskiy2020image',
      bbt: 'dosovitskiyImageWorth16x162020',
    },
  },
  {
    name: 'question title',
    paper: paper({
      arxivId: '1810.00826',
      title: 'How Powerful are Graph Neural Networks?',
      authors: ['Keyulu Xu', 'Weihua Hu', 'Jure Leskovec', 'Stefanie Jegelka'],
      published: '2018-10-01',
    }),
    keys: { arxiv: 'xu2018powerfulgraphneuralnetworks', google: 'xu2018powerful', bbt: 'xuHowPowerfulAre2018' },
  },
  {
    name: 'quoted title with the pronoun I',
    paper: paper({
      arxivId: '1602.04938',
      title: '"Why Should I Trust You?": Explaining the Predictions of Any Classifier',
      authors: ['Marco Tulio Ribeiro', 'Sameer Singh', 'Carlos Guestrin'],
      published: '2016-02-16',
    }),
    keys: { arxiv: 'ribeiro2016whyitrustyou', google: 'ribeiro2016should' },
    contains: ['{I}'],
  },
  {
    name: 'single corporate-style author, acronym with digit',
    paper: paper({
      arxivId: '2303.08774',
      title: 'GPT-4 Technical Report',
      authors: ['OpenAI'],
      published: '2023-03-15',
      categories: ['cs.CL'],
    }),
    keys: { arxiv: 'openai2023gpt4technicalreport', google: 'openai2023gpt', bbt: 'openaiGPT4Technical2023' },
    contains: ['title={{GPT-4} Technical Report}', 'author={OpenAI}'],
  },
  {
    name: 'mixed-case acronym, accented co-authors',
    paper: paper({
      arxivId: '2302.13971',
      title: 'LLaMA: Open and Efficient Foundation Language Models',
      authors: [
        'Hugo Touvron',
        'Thibaut Lavril',
        'Gautier Izacard',
        'Xavier Martinet',
        'Marie-Anne Lachaux',
        'Timothée Lacroix',
        'Baptiste Rozière',
        'Naman Goyal',
      ],
      published: '2023-02-27',
    }),
    keys: { arxiv: 'touvron2023llamaopenefficientfoundation' },
    contains: ['{LLaMA:}', 'Timothée Lacroix', 'Baptiste Rozière'],
    asciiContains: ["Timoth{\\'e}e Lacroix", 'Bapt' + 'iste Rozi{\\`e}re'],
  },
  {
    name: 'team as the only author',
    paper: paper({
      arxivId: '2312.11805',
      title: 'Gemini: A Family of Highly Capable Multimodal Models',
      authors: ['Gemini Team'],
      published: '2023-12-19',
    }),
    keys: { arxiv: 'geminiteam2023geminifamilyhighlycapable', google: 'geminiteam2023gemini' },
    contains: ['author={{Gemini Team}}'],
  },
  {
    name: 'math at the start of the title',
    paper: paper({
      arxivId: '2109.00301',
      title: '$\\infty$-former: Infinite Memory Transformer',
      authors: ['Pedro Henrique Martins', 'Zita Marinho', 'André F. T. Martins'],
      published: '2021-09-01',
    }),
    keys: { arxiv: 'martins2021inftyformerinfinitememorytransformer' },
    parsedTitle: '∞-former: Infinite Memory Transformer',
    contains: ['title={{$\\infty$}-former: Infinite Memory Transformer}'],
    asciiContains: ["Andr{\\'e} F. T. Martins"],
  },
  {
    name: 'math with braces and a superscript',
    paper: paper({
      arxivId: '2003.03924',
      title: '$Q^\\star$ Approximation Schemes for Batch Reinforcement Learning: A Theoretical Comparison',
      authors: ['Tengyang Xie', 'Nan Jiang'],
      published: '2020-03-09',
    }),
    // The parser renders superscripts as markup.
    parsedTitle: 'Q<sup>⋆</sup> Approximation Schemes for Batch Reinforcement Learning: A Theoretical Comparison',
    contains: ['{$Q^\\star$} Approximation'],
  },
  {
    name: 'percent sign and a percent inside math',
    paper: paper({
      arxivId: '2301.00774',
      title: 'Pruning 90% of Weights: $50%$ Is Not Enough',
      authors: ['Ada Lovelace'],
      published: '2023-01-02',
    }),
    parsedTitle: 'Pruning 90% of Weights: 50% Is Not Enough',
    contains: ['90\\%', '{$50\\%$}'],
  },
  {
    name: 'ampersand and plus',
    paper: paper({
      arxivId: '1606.05250',
      title: 'SQuAD: 100,000+ Questions for Machine Comprehension of Text & Q&A',
      authors: ['Pranav Rajpurkar', 'Jian Zhang', 'Konstantin Lopyrev', 'Percy Liang'],
      published: '2016-06-16',
    }),
    contains: ['{SQuAD:}', 'Text \\& {Q\\&A}'],
  },
  {
    name: 'underscores',
    paper: paper({
      title: 'Why snake_case Beats camelCase in __init__ Files',
      authors: ['Guido Rossum'],
      published: '2019-05-05',
    }),
    contains: ['snake\\_case', '{camelCase}', '\\_\\_init\\_\\_'],
  },
  {
    name: 'unbalanced opening brace',
    paper: paper({ title: '{Unbalanced brace in a title', authors: ['Brace Opener'], published: '2020-01-01' }),
    contains: ['\\textbraceleft{}Unbalanced'],
  },
  {
    name: 'unbalanced closing braces and set notation',
    paper: paper({ title: 'Sets {x | x > 0}} and } Strays', authors: ['Brace Closer'], published: '2020-01-01' }),
    contains: ['\\textbraceleft{}x \\textbar{} x \\textgreater{} 0\\textbraceright{}\\textbraceright{}'],
  },
  {
    name: 'backslashes outside math',
    paper: paper({ title: 'Escaping \\n and \\\\ in C Strings', authors: ['Dennis Ritchie'], published: '1978-01-01' }),
    contains: ['\\textbackslash{}n and \\textbackslash{}\\textbackslash{} in'],
  },
  {
    name: 'tilde and caret',
    paper: paper({ title: 'Approximately ~50 Steps to x^2 Growth', authors: ['Tilde Caret'], published: '2021-01-01' }),
    contains: ['\\textasciitilde{}50', 'x\\textasciicircum{}2'],
  },
  {
    name: 'hash signs',
    paper: paper({ title: 'C# and F# for #MachineLearning', authors: ['Anders Hejlsberg'], published: '2015-01-01' }),
    contains: ['C\\#', '{\\#MachineLearning}'],
  },
  {
    name: 'unicode surname, DOI, journal, no arXiv id',
    paper: paper({
      id: 'doi:10.1162/neco.1997.9.8.1735',
      title: 'Long Short-Term Memory',
      authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'],
      published: '1997-11-15',
      doi: '10.1162/neco.1997.9.8.1735',
      journalRef: 'Neural Computation 9(8):1735–1780',
    }),
    keys: { arxiv: 'hochreiter1997longshorttermmemory' },
    contains: ['doi={10.1162/neco.1997.9.8.1735}', 'journal={Neural Computation 9(8):1735–1780}', 'Jürgen Schmidhuber'],
    asciiContains: ['J{\\"u}rgen Schmidhuber', '1735{\\textendash}1780'],
    lacks: ['eprint'],
  },
  {
    name: 'cedilla, breve, dotless i, particle with diaeresis',
    paper: paper({
      arxivId: '1406.1078',
      title: 'Learning Phrase Representations using RNN Encoder-Decoder for Statistical Machine Translation',
      authors: [
        'Kyunghyun Cho',
        'Bart van Merriënboer',
        'Çağlar Gülçehre',
        'Dzmitry Bahdanau',
        'Fethi Bougares',
        'Holger Schwenk',
        'Yoshua Bengio',
      ],
      published: '2014-06-03',
    }),
    contains: ['Bart van Merriënboer and Çağlar Gülçehre'],
    asciiContains: ['Bart van Merri{\\"e}nboer and {\\c{C}}a{\\u{g}}lar G{\\"u}l{\\c{c}}ehre', '{RNN}'],
  },
  {
    name: 'stroke L as first author',
    paper: paper({
      arxivId: '1706.05137',
      title: 'One Model To Learn Them All',
      authors: ['Łukasz Kaiser', 'Aidan N. Gomez', 'Noam Shazeer'],
      published: '2017-06-16',
    }),
    keys: { arxiv: 'kaiser2017modellearn', google: 'kaiser2017one', bbt: 'kaiserOneModelLearn2017' },
  },
  {
    name: 'slashed o, sentence-case title with a proper noun',
    paper: paper({
      arxivId: '1806.04994',
      title: 'Only Bayes should learn a manifold (on the estimation of differential geometric structure from data)',
      authors: ['Søren Hauberg'],
      published: '2018-06-13',
    }),
    keys: { arxiv: 'hauberg2018bayeslearnmanifoldon' },
    contains: ['Only {Bayes} should'],
    asciiContains: ['S{\\o}ren Hauberg'],
  },
  {
    name: 'umlaut in the first author',
    paper: paper({
      arxivId: '2102.11107',
      title: 'Toward Causal Representation Learning',
      authors: ['Bernhard Schölkopf', 'Francesco Locatello', 'Stefan Bauer', 'Nan Rosemary Ke'],
      published: '2021-02-22',
    }),
    keys: {
      arxiv: 'scholkopf2021causalrepresentationlearning',
      google: 'scholkopf2021toward',
      bbt: 'scholkopfCausalRepresentationLearning2021',
    },
    asciiContains: ['Bernhard Sch{\\"o}lkopf'],
  },
  {
    name: 'sharp s',
    paper: paper({
      title: 'Große Sprachmodelle für die Straßenverkehrsordnung',
      authors: ['Johannes Groß', 'Änne Weiß'],
      published: '2024-03-01',
    }),
    keys: { arxiv: 'gross2024grossesprachmodellefurdie', google: 'gross2024grosse' },
    asciiContains: [
      'Johannes Gro{\\ss} and {\\"A}nne Wei{\\ss}',
      'Gro{\\ss}e Sprachmodelle f{\\"u}r die Stra{\\ss}enverkehrsordnung',
    ],
  },
  {
    name: 'particle de',
    paper: paper({
      title: 'A Tutorial on Bayesian Optimization of Expensive Cost Functions',
      authors: ['Nando de Freitas', 'Eric Brochu'],
      published: '2010-12-12',
    }),
    keys: {
      arxiv: 'defreitas2010tutorialbayesianoptimizationexpensive',
      google: 'de2010tutorial',
      bbt: 'defreitasTutorialBayesianOptimization2010',
    },
    contains: ['author={Nando de Freitas and Eric Brochu}'],
  },
  {
    name: 'particle de la',
    paper: paper({ title: 'Facial Action Unit Detection', authors: ['Fernando de la Torre'], published: '2011-01-01' }),
    keys: {
      arxiv: 'delatorre2011facialactionunitdetection',
      google: 'de2011facial',
      bbt: 'delatorreFacialActionUnit2011',
    },
  },
  {
    name: 'particle von',
    paper: paper({
      arxivId: '0711.0189',
      title: 'A Tutorial on Spectral Clustering',
      authors: ['Ulrike von Luxburg'],
      published: '2007-11-01',
      categories: ['cs.DS'],
    }),
    keys: {
      arxiv: 'vonluxburg2007tutorialspectralclustering',
      google: 'von2007tutorial',
      bbt: 'vonluxburgTutorialSpectralClustering2007',
    },
  },
  {
    name: 'particle van, acronym-like word',
    paper: paper({
      arxivId: '1509.06461',
      title: 'Deep Reinforcement Learning with Double Q-learning',
      authors: ['Hado van Hasselt', 'Arthur Guez', 'David Silver'],
      published: '2015-09-22',
    }),
    keys: {
      arxiv: 'vanhasselt2015deepreinforcementlearningdouble',
      google: 'van2015deep',
      bbt: 'vanhasseltDeepReinforcementLearning2015',
    },
  },
  {
    name: 'capitalised particle',
    paper: paper({
      title: 'Stochastic Gradient Method with an Exponential Convergence Rate',
      authors: ['Nicolas Le Roux', 'Mark Schmidt', 'Francis Bach'],
      published: '2012-02-28',
    }),
    keys: { arxiv: 'leroux2012stochasticgradientmethodexponential', google: 'le2012stochastic' },
    contains: ['author={Le Roux, Nicolas and Mark Schmidt'],
  },
  {
    name: 'capitalised double particle',
    paper: paper({ title: 'Crop Yields from Space', authors: ['Pieter Van Der Berg'], published: '2022-04-04' }),
    keys: { arxiv: 'vanderberg2022cropyieldsspace' },
    contains: ['author={Van Der Berg, Pieter}'],
  },
  {
    name: 'hyphenated surname',
    paper: paper({
      title: 'An Embarrassingly Simple Approach to Zero-Shot Learning',
      authors: ['Bernardino Romera-Paredes', 'Philip H. S. Torr'],
      published: '2015-07-06',
    }),
    keys: {
      arxiv: 'romeraparedes2015embarrassinglysimpleapproachzeroshot',
      google: 'romeraparedes2015embarrassingly',
      bbt: 'romeraparedesEmbarrassinglySimpleApproach2015',
    },
  },
  {
    name: 'suffix IV',
    paper: paper({
      arxivId: '1906.07241',
      title: "Barack's Wife Hillary: Using Knowledge Graphs for Fact-Aware Language Modeling",
      authors: ['Robert L. Logan IV', 'Nelson F. Liu', 'Matthew E. Peters', 'Matt Gardner', 'Sameer Singh'],
      published: '2019-06-17',
    }),
    keys: { arxiv: 'logan2019barackswifehillaryusing' },
    contains: ['author={Logan, IV, Robert L. and Nelson F. Liu'],
  },
  {
    name: 'suffix Jr. with and without comma',
    paper: paper({
      title: 'A Dream of Fair Benchmarks',
      authors: ['Martin Luther King Jr.', 'John Smith, Jr.'],
      published: '1963-08-28',
    }),
    keys: { arxiv: 'king1963dreamfairbenchmarks' },
    parsedAuthors: ['Martin Luther King Jr.', 'John Smith Jr.'],
    contains: ['author={King, Jr., Martin Luther and Smith, Jr., John}'],
  },
  {
    name: 'single-name author',
    paper: paper({
      title: 'Open Information Extraction Systems and Downstream Applications',
      authors: ['Mausam'],
      published: '2016-07-09',
    }),
    keys: {
      arxiv: 'mausam2016openinformationextractionsystems',
      google: 'mausam2016open',
      bbt: 'mausamOpenInformationExtraction2016',
    },
    contains: ['author={Mausam}'],
  },
  {
    name: 'CJK first author',
    paper: paper({
      title: 'Chinese Word Segmentation Revisited',
      authors: ['李明', 'Wei Zhang'],
      published: '2021-01-01',
    }),
    keys: { arxiv: 'anon2021chinesewordsegmentationrevisited' },
    contains: ['author={李明 and Wei Zhang}'],
    // No ASCII form: the code points, readable and not lost.
    asciiContains: ['author={[U+674E][U+660E] and Wei Zhang}'],
    asciiParsedAuthors: ['[U+674E][U+660E]', 'Wei Zhang'],
  },
  {
    name: 'no authors',
    paper: paper({ title: 'Anonymous Submission Under Review', authors: [], published: '2024-05-01' }),
    keys: {
      arxiv: 'anon2024anonymoussubmissionreview',
      google: 'anon2024anonymous',
      bbt: 'anonAnonymousSubmissionReview2024',
    },
    contains: ['      key={Anonymous Submission Under Review},'],
    lacks: ['author='],
  },
  {
    name: 'no year',
    paper: paper({ id: 'hf-undated', title: 'Undated Work on Things', authors: ['Nora Date'] }),
    keys: { arxiv: 'dateundatedworkthings', google: 'dateundated', bbt: 'dateUndatedWorkThings' },
    lacks: ['year='],
  },
  {
    name: 'old-style arXiv id, year from the id',
    paper: paper({
      arxivId: 'hep-th/9711200',
      title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
      authors: ['Juan M. Maldacena'],
      categories: ['hep-th'],
    }),
    keys: { arxiv: 'maldacena1997largenlimitsuperconformal' },
    year: '1997',
    contains: [
      'year={1997}',
      'eprint={hep-th/9711200}',
      'primaryClass={hep-th}',
      'url={https://arxiv.org/abs/hep-th/9711200}',
    ],
  },
  {
    name: 'DOI given as a URL, journal with en dash',
    paper: paper({
      id: 'nature14236',
      title: 'Human-level control through deep reinforcement learning',
      authors: ['Volodymyr Mnih', 'Koray Kavukcuoglu', 'David Silver'],
      published: '2015-02-25',
      doi: 'https://doi.org/10.1038/nature14236',
      journalRef: 'Nature 518, 529–533 (2015)',
    }),
    contains: ['doi={10.1038/nature14236}', 'title={Human-level control through deep reinforcement learning}'],
  },
  {
    name: 'conference journal reference becomes booktitle',
    paper: paper({
      arxivId: '1703.03400',
      title: 'Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks',
      authors: ['Chelsea Finn', 'Pieter Abbeel', 'Sergey Levine'],
      published: '2017-03-09',
      journalRef: 'Proceedings of the 34th International Conference on Machine Learning, PMLR 70:1126-1135, 2017',
      categories: ['cs.LG'],
    }),
    keys: { arxiv: 'finn2017modelagnosticmetalearningfastadaptation' },
    contains: [
      'booktitle={Proceedings of the 34th International Conference on Machine Learning, PMLR 70:1126-1135, 2017}',
    ],
    lacks: ['journal='],
  },
  {
    name: 'three hundred authors',
    paper: paper({ title: 'A Report Written by Very Many People', authors: many, published: '2023-12-01' }),
    keys: { arxiv: 'surnamea02023reportwrittenpeople' },
  },
  {
    name: 'title with BibTeX braces from the source',
    paper: paper({
      arxivId: '1905.05950',
      title: '{BERT} Rediscovers the Classical {NLP} Pipeline',
      authors: ['Ian Tenney', 'Dipanjan Das', 'Ellie Pavlick'],
      published: '2019-05-15',
    }),
    contains: ['{\\textbraceleft{}BERT\\textbraceright{}}'],
  },
  {
    name: 'TeX accent command in the source title',
    paper: paper({
      title: 'Schr\\"odinger Bridges Beat Diffusion',
      authors: ['Erwin Bridge'],
      published: '2023-01-01',
    }),
    contains: ['Schr\\textbackslash{}"odinger'],
  },
  {
    name: 'hard line breaks and tabs in title and names',
    paper: paper({
      title: 'Learning\n  to Rank\twith\r\nLine Breaks',
      authors: ['Tab\tSeparated  Name'],
      published: '2022-01-01',
    }),
    contains: ['title={Learning to Rank with Line Breaks}', 'author={Tab Separated Name}'],
  },
  {
    name: 'emoji and Greek letters',
    paper: paper({
      title: '🤗 Transformers for α-Divergence and β Estimation',
      authors: ['Thomas Wolf'],
      published: '2019-10-09',
    }),
    // The emoji and β use two of arXiv's four word slots and leave no letters.
    keys: { arxiv: 'wolf2019transformersdivergence' },
    contains: ['🤗 Transformers for α-Divergence'],
    asciiContains: ['title={[U+1F917] Transformers for {$\\alpha$}-Divergence and {$\\beta$} Estimation}'],
    asciiParsedTitle: '[U+1F917] Transformers for α-Divergence and β Estimation',
  },
  {
    name: 'typographic quotes and dashes',
    paper: paper({
      arxivId: '1909.03065',
      title: '“Going on a vacation” takes longer than “Going for a walk” — a study of temporal commonsense',
      authors: ['Ben Zhou', 'Daniel Khashabi', 'Qiang Ning', 'Dan Roth'],
      published: '2019-09-06',
    }),
    asciiContains: [
      '{\\textquotedblleft}Going on a vacation{\\textquotedblright} takes longer than {{\\textquotedblleft}Going} for a walk{\\textquotedblright} {\\textemdash} a study',
    ],
  },
  {
    name: 'apostrophes and a c with acute',
    paper: paper({
      arxivId: '2004.10964',
      title: "Don't Stop Pretraining: Adapt Language Models to Domains and Tasks",
      authors: ['Suchin Gururangan', 'Ana Marasović', 'Swabha Swayamdipta'],
      published: '2020-04-23',
    }),
    keys: {
      arxiv: 'gururangan2020dontstoppretrainingadapt',
      google: 'gururangan2020don',
      bbt: 'gururanganDonTStop2020',
    },
    asciiContains: ["Ana Marasovi{\\'c}"],
  },
  {
    name: 'Vietnamese name with stacked accents',
    paper: paper({
      title: 'Low-Resource Translation for Vietnamese',
      authors: ['Nguyễn Văn Minh'],
      published: '2022-02-02',
    }),
    keys: { arxiv: 'minh2022lowresourcetranslationvietnamese' },
    asciiContains: ['Nguy{\\~{\\^e}}n V{\\u{a}}n Minh'],
  },
  {
    name: 'Turkish dotted and dotless i',
    paper: paper({ title: 'İstanbul Traffic Forecasting', authors: ['Işıl Doğan'], published: '2021-06-01' }),
    keys: { arxiv: 'dogan2021istanbultrafficforecasting' },
    asciiContains: ['I{\\c{s}}{\\i}l Do{\\u{g}}an', '{\\.I}stanbul'],
  },
  {
    name: 'all-caps title',
    paper: paper({ title: 'ATTENTION IS ALL YOU NEED', authors: ['Ashish Vaswani'], published: '2017-06-12' }),
    contains: ['title={{ATTENTION} {IS} {ALL} {YOU} {NEED}}'],
  },
  {
    name: 'less-than and greater-than',
    paper: paper({
      title: 'Scaling to >100B Parameters with <1% Overhead',
      authors: ['Big Model'],
      published: '2023-01-01',
    }),
    contains: ['\\textgreater{}100B', '\\textless{}1\\% Overhead'],
  },
  {
    name: 'dollar amounts are not math',
    paper: paper({
      title: 'Training for $5 and Inference for $10 Dollars',
      authors: ['Money Saver'],
      published: '2023-01-01',
    }),
    contains: ['\\$5 and Inference for \\$10'],
  },
  {
    name: 'ligatures and full-width letters fold to ASCII',
    paper: paper({
      title: 'Sparse Attention and Ligatures: ﬁne ﬂow with ＧＰＵ',
      authors: ['Ｊａｎｅ Doe'],
      published: '2024-01-01',
    }),
    contains: ['Ligatures: ﬁne ﬂow'],
    asciiContains: ['title={Sparse Attention and Ligatures: fine flow with {GPU}}', 'author={Jane Doe}'],
    asciiParsedTitle: 'Sparse Attention and Ligatures: fine flow with GPU',
    asciiParsedAuthors: ['Jane Doe'],
  },
  {
    name: 'math followed by a digit stays math',
    paper: paper({
      arxivId: '1602.07360',
      title: 'SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and $<$0.5MB model size',
      authors: ['Forrest N. Iandola'],
      published: '2016-02-24',
    }),
    parsedTitle: 'SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and <0.5MB model size',
    contains: ['and {$<$}{0.5MB} model size'],
  },
  {
    name: 'math command followed by a number',
    paper: paper({
      title: '$\\sim$10x Fewer Parameters',
      authors: ['Small Model'],
      published: '2024-01-01',
    }),
    parsedTitle: '∼10x Fewer Parameters',
    contains: ['title={{$\\sim$}10x Fewer Parameters}'],
  },
  {
    name: 'title markup kept as TeX',
    paper: paper({
      title: '{\\em Emphasis}, \\textbf{Bold} and \\emph{\\texttt{Nested} Code}',
      authors: ['Mark Up'],
      published: '2024-01-01',
    }),
    // The parser reads markup as HTML.
    parsedTitle: '<i>Emphasis</i>, <b>Bold</b> and <i><code>Nested</code> Code</i>',
    contains: ['title={{\\em Emphasis}, \\textbf{Bold} and \\emph{\\texttt{Nested} Code}}'],
  },
  {
    name: 'hostile markup stays balanced text',
    paper: paper({
      title: '\\textbf{Open {\\em never closed \\emph{ok} }{ \\textit{',
      authors: ['Mark Up'],
      published: '2024-01-01',
    }),
    // Only the groups that close are markup; the rest is text.
    parsedTitle: '\\textbf{Open <i>never closed <i>ok</i> </i>{ \\textit{',
    contains: [
      'title={{{\\textbackslash{}textbf\\textbraceleft{}Open}} {\\em never closed \\emph{ok} }' +
        '\\textbraceleft{} \\textbackslash{}textit\\textbraceleft{}}',
    ],
  },
  {
    name: 'only math',
    paper: paper({ title: '$E=mc^2$', authors: ['Albert Einstein'], published: '1905-09-27' }),
    parsedTitle: 'E=mc²',
    contains: ['title={{$E=mc^2$}}'],
  },
  {
    name: 'math with unbalanced braces stays text',
    paper: paper({ title: 'A $\\frac{1}{2$ Bound', authors: ['Half Bound'], published: '2020-01-01' }),
    contains: ['\\$\\textbackslash{}frac\\textbraceleft{}1\\textbraceright{}\\textbraceleft{}2\\$'],
  },
  {
    name: 'corporate name containing "and"',
    paper: paper({
      title: 'Annual Report',
      authors: ['Research and Development Team', 'Jane Doe'],
      published: '2020-01-01',
    }),
    keys: { arxiv: 'researchanddevelopmentteam2020annualreport' },
    contains: ['author={{Research and Development Team} and Jane Doe}'],
  },
  {
    name: 'inverted name with particle',
    paper: paper({
      title: 'Equation of State for Gases and Liquids',
      authors: ['van der Waals, Johannes Diderik'],
      published: '1910-12-11',
    }),
    keys: { arxiv: 'vanderwaals1910equationstategasesliquids', google: 'van1910equation' },
    parsedAuthors: ['Johannes Diderik van der Waals'],
    contains: ['author={van der Waals, Johannes Diderik}'],
  },
  {
    name: 'initials only and HF link as url',
    paper: paper({
      id: 'hf-abc123',
      title: 'Trees of Middle-earth',
      authors: ['J. R. R. Tolkien'],
      published: '1954-07-29',
      links: { huggingFace: 'https://huggingface.co/papers/hf-abc123' },
    }),
    contains: ['url={https://huggingface.co/papers/hf-abc123}'],
  },
];

/** A name's parts as BibTeX splits it: first, von, last, jr. */
export type NameParts = [string, string, string, string];

/**
 * Names that BibTeX splits wrongly unless written with care (accents on a capital, particles,
 * suffixes, corporate names), with the parts they must come out as.
 */
export const HARD_NAMES: [string, NameParts][] = [
  ['José María Álvarez-Pérez', ['José María', '', 'Álvarez-Pérez', '']],
  ['Søren Kierkegaard', ['Søren', '', 'Kierkegaard', '']],
  ['Ørjan Ødegård', ['Ørjan', '', 'Ødegård', '']],
  ['Johannes Diderik van der Waals', ['Johannes Diderik', 'van der', 'Waals', '']],
  ['van der Waals, Johannes Diderik', ['Johannes Diderik', 'van der', 'Waals', '']],
  ['Martin Luther King Jr.', ['Martin Luther', '', 'King', 'Jr.']],
  ['John Smith, Jr.', ['John', '', 'Smith', 'Jr.']],
  ['Robert L. Logan IV', ['Robert L.', '', 'Logan', 'IV']],
  ['Ludwig van Beethoven', ['Ludwig', 'van', 'Beethoven', '']],
  ['Fernando de la Torre', ['Fernando', 'de la', 'Torre', '']],
  ['Nicolas Le Roux', ['Nicolas', '', 'Le Roux', '']],
  ['Pieter Van Der Berg', ['Pieter', '', 'Van Der Berg', '']],
  ['Łukasz Kaiser', ['Łukasz', '', 'Kaiser', '']],
  ['Änne Weiß', ['Änne', '', 'Weiß', '']],
  ['Işıl Doğan', ['Işıl', '', 'Doğan', '']],
  ['Ana Marasović', ['Ana', '', 'Marasović', '']],
  ['Mausam', ['', '', 'Mausam', '']],
  ['OpenAI', ['', '', 'OpenAI', '']],
  ['Gemini Team', ['', '', 'Gemini Team', '']],
  ['Research and Development Team', ['', '', 'Research and Development Team', '']],
];
