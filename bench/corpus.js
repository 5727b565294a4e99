// @ts-check
/**
 * A seeded generator of Hugging Face Daily Papers payloads that look like the real thing:
 * machine-learning titles (coined camel-case method names, "X for Y via Z"), abstracts of a
 * few hundred words with the hard line breaks the API sends, 3–15 authors drawn from a few
 * thousand names (some with diacritics, a few hidden), AI keywords and summaries, upvotes
 * with a long tail, GitHub repos, project pages, organisations, thumbnails.
 *
 * Day 0 is the newest day; paper i is listed on day floor(i / perDay), so the first 10,000
 * papers of the 100k corpus are exactly the 10k corpus and queries derived from the 10k
 * corpus have their answers in both. Titles are unique across the whole corpus, so a
 * misspelled title has one right answer.
 */
'use strict';

/** mulberry32: small, fast and good enough for test data. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} n */
    int: (n) => Math.floor(next() * n),
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** @param {number} p */
    chance: (p) => next() < p,
    /** @param {number} lo @param {number} hi */
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

const split = (/** @type {string} */ s) => s.trim().split(/\s*\|\s*/);

const ADJECTIVES =
  split(`Efficient | Scalable | Robust | Unified | Adaptive | Sparse | Dense | Multimodal | Self-Supervised |
  Contrastive | Hierarchical | Latent | Generalist | Lightweight | Interpretable | Controllable | Compositional | Causal |
  Continual | Federated | Differentiable | Probabilistic | Geometric | Long-Context | Low-Rank | Quantized | Streaming |
  Zero-Shot | Few-Shot | Open-Vocabulary | Instruction-Tuned | Verifiable | Faithful | Grounded | Embodied | Autoregressive |
  Non-Autoregressive | Energy-Based | Equivariant | Retrieval-Augmented | Memory-Efficient | Training-Free | Data-Efficient |
  Parameter-Efficient | Uncertainty-Aware | Physics-Informed | Agentic | Recursive | Modular | Dynamic | Structured |
  Spectral | Temporal | Spatial | Cross-Lingual | Multilingual | Decentralized | Private | Calibrated | Consistent`);

const NOUNS = split(`Attention | Transformers | Language Models | Diffusion Models | Vision Encoders | Reward Models |
  Tokenizers | World Models | Agents | Policies | Embeddings | Representations | Benchmarks | Datasets | Kernels |
  Optimizers | Adapters | Experts | Decoders | Encoders | Retrievers | Rerankers | Planners | Critics | Verifiers |
  Graph Networks | State Space Models | Normalizing Flows | Autoencoders | Codebooks | Prompts | Chains of Thought |
  Preference Data | Synthetic Data | Scaling Laws | Inference Engines | Caches | Routers | Sparse Autoencoders |
  Neural Fields | Gaussian Splats | Point Clouds | Meshes | Video Tokens | Speech Units | Protein Structures |
  Molecules | Circuits | Features | Heads | Layers | Checkpoints | Curricula | Trajectories | Demonstrations`);

const METHODS = split(`Diffusion Transformers | Mixture-of-Experts | Reinforcement Learning from Human Feedback |
  Direct Preference Optimization | Speculative Decoding | Flash Attention | Low-Rank Adaptation | Knowledge Distillation |
  Contrastive Pretraining | Masked Autoencoding | Flow Matching | Consistency Distillation | Test-Time Scaling |
  Group Relative Policy Optimization | Monte Carlo Tree Search | Chain-of-Thought Prompting | Model Merging |
  Quantization-Aware Training | Linear Attention | Rotary Embeddings | Retrieval Augmentation | Self-Play |
  Curriculum Learning | Rejection Sampling | Process Reward Models | Tool Use | Visual Instruction Tuning |
  Score Distillation | Latent Diffusion | Neural Radiance Fields | Gaussian Splatting | State Space Models |
  Sparse Autoencoders | Activation Steering | Token Merging | KV Cache Compression | Sliding Window Attention |
  Multi-Token Prediction | Byte-Level Modeling | Evolutionary Search | Bayesian Optimization`);

const TASKS = split(`Video Generation | Image Editing | Code Generation | Mathematical Reasoning | Theorem Proving |
  Machine Translation | Speech Recognition | Text-to-Speech | Question Answering | Visual Question Answering |
  Document Understanding | Semantic Segmentation | Object Detection | Depth Estimation | 3D Reconstruction |
  Novel View Synthesis | Motion Generation | Robot Manipulation | Autonomous Driving | Web Navigation |
  Long-Form Writing | Summarization | Information Retrieval | Recommendation | Protein Design | Drug Discovery |
  Weather Forecasting | Time Series Forecasting | Anomaly Detection | Hallucination Detection | Fact Verification |
  Instruction Following | Multi-Turn Dialogue | Tabular Prediction | Music Generation | Audio Captioning |
  Image Captioning | Embodied Navigation | Program Repair | Formal Verification | Data Contamination Detection`);

const DOMAINS =
  split(`Medical Imaging | Radiology Reports | Low-Resource Languages | Scientific Literature | Legal Documents |
  Financial Markets | Satellite Imagery | Remote Sensing | Genomics | Materials Science | Chemistry | Education |
  Software Engineering | Household Robotics | Surgical Video | Climate Science | Astronomy | Social Media |
  Customer Support | Mobile Devices | Edge Hardware | Large-Scale Clusters | Open-Domain Conversation | Mathematics`);

const PROPERTIES =
  split(`Robustness | Calibration | Sample Efficiency | Generalization | Faithfulness | Safety | Memorization |
  Emergence | Compositionality | Stability | Scalability | Interpretability | Reliability | Fairness | Efficiency`);

const GERUNDS =
  split(`Scaling | Aligning | Distilling | Compressing | Evaluating | Benchmarking | Rethinking | Revisiting |
  Understanding | Steering | Accelerating | Pruning | Grounding | Unifying | Bootstrapping | Probing | Training |
  Teaching | Decoding | Tokenizing | Routing | Merging | Editing | Verifying`);

const NAME_HEADS =
  split(`Flash | Mega | Omni | Deep | Hyper | Meta | Sparse | Quant | Long | Mind | Vision | Robo | Seg | Diff |
  Gen | Tok | Graph | Med | Code | Math | Pano | Nano | Uni | Any | Echo | Lumi | Aero | Hydra | Orca | Falcon | Lynx |
  Zephyr | Atlas | Nova | Pixel | Voxel | Astra | Poly | Chrono | Geo`);
const NAME_TAILS =
  split(`Former | Net | MoE | Bench | LM | VLM | Diff | Agent | Seg | Gen | Flow | RL | Mamba | Tune | Bridge |
  Zero | Coder | Vid | Mesh | Splat | Reason | Prover | Search | Speech | Voice | World | Sim | Pose | Edit | Fusion`);

const FIRST_NAMES =
  split(`Wei | Jing | Yuxuan | Xiaoming | Hao | Zhiyuan | Qian | Lei | Yifan | Ming | Jiawei | Shuo | Chen |
  Hiroshi | Yuki | Takumi | Sakura | Min-jun | Ji-woo | Seo-yeon | Arjun | Priya | Rahul | Ananya | Vikram | Sneha |
  Aditya | Kavya | Mohammed | Fatima | Omar | Leila | Yusuf | Amir | Noor | Ahmed | Sara | Ali | Elena | Dmitri |
  Olga | Ivan | Natalia | Sergey | Anna | Mikhail | Katarzyna | Łukasz | Piotr | Agnieszka | Tomáš | Jana | Jakub |
  José | María | Lucía | Javier | Carmen | Diego | Sofía | Mateo | Camila | João | Beatriz | Tiago | Inês | François |
  Amélie | Étienne | Chloé | Théo | Léa | Jürgen | Lena | Matthias | Sophie | Felix | Hannah | Lukas | Marie | Giulia |
  Marco | Francesca | Luca | Chiara | Matteo | Sven | Ingrid | Lars | Astrid | Emma | Liam | Olivia | Noah | Ava |
  James | Isabella | Ethan | Mia | Daniel | Grace | Samuel | Chloe | David | Emily | Michael | Sarah | John | Laura |
  Kwame | Amara | Chidi | Ngozi | Tunde | Zanele | Thabo | Aisha | Mehmet | Elif | Emre | Zeynep | Nguyen | Linh |
  Minh | Thu | Somchai | Ploy | Rizwan | Ayesha | Kenji | Aiko | Daniela | Andrés | Valentina | Ricardo | Paula`);

const LAST_NAMES =
  split(`Wang | Li | Zhang | Liu | Chen | Yang | Huang | Zhao | Wu | Zhou | Xu | Sun | Ma | Zhu | Hu | Guo | He |
  Lin | Luo | Gao | Zheng | Liang | Xie | Tang | Han | Cao | Deng | Feng | Zeng | Peng | Tanaka | Suzuki | Takahashi |
  Watanabe | Yamamoto | Nakamura | Kobayashi | Sato | Kim | Lee | Park | Choi | Jung | Kang | Cho | Yoon | Sharma |
  Gupta | Patel | Singh | Kumar | Reddy | Iyer | Nair | Agarwal | Banerjee | Chatterjee | Mehta | Rao | Hassan |
  Hussein | Khan | Rahman | Haddad | Nasser | Farouk | Ivanov | Petrov | Smirnov | Kuznetsov | Popov | Sokolov |
  Nowak | Kowalski | Wiśniewski | Wójcik | Novák | Dvořák | García | Fernández | González | Rodríguez | López |
  Martínez | Sánchez | Pérez | Gómez | Díaz | Silva | Santos | Oliveira | Costa | Pereira | Martin | Bernard | Dubois |
  Lefèvre | Moreau | Laurent | Müller | Schmidt | Schneider | Fischer | Weber | Meyer | Wagner | Becker | Schäfer |
  Rossi | Russo | Ferrari | Esposito | Bianchi | Romano | Colombo | Johansson | Andersson | Nilsson | Larsen |
  Hansen | Jensen | Smith | Johnson | Williams | Brown | Jones | Miller | Davis | Wilson | Anderson | Taylor |
  Thomas | Moore | Jackson | White | Harris | Clark | Lewis | Walker | Hall | Young | Allen | King | Wright | Scott |
  Green | Baker | Adams | Nelson | Mitchell | Roberts | Carter | Phillips | Evans | Turner | Okafor | Mensah |
  Adeyemi | Nkosi | Mokoena | Diallo | Yılmaz | Kaya | Demir | Şahin | Tran | Pham | Hoang | Vu | Srisai | Rojas |
  Herrera | Castillo | Vargas | Morales | Ortiz | Ramírez | Cruz | Flores | Mendoza | Gutierrez | Alvarez | Romero`);

const ORGS = split(`Google DeepMind | Meta AI | Microsoft Research | NVIDIA | Alibaba Qwen | DeepSeek | Hugging Face |
  Allen Institute for AI | Stanford University | MIT | Tsinghua University | Peking University | ByteDance Seed |
  Shanghai AI Lab | Mistral AI | Apple | Carnegie Mellon University | ETH Zurich | University of Oxford | Tencent`);

/**
 * Research topics for `generateFeed({ topics: true })` (the "For you" evaluation,
 * bench/evalRecs.js): the methods, tasks and domains above grouped as a field of machine
 * learning groups them. Some entries sit in two topics (autonomous driving is vision and
 * robotics; tree search is reasoning and agents), and every topical pick falls back to the
 * whole vocabulary part of the time, so topics overlap as real fields do and a paper's topic
 * is likely, not certain, from its words.
 */
const TOPICS = [
  {
    name: 'reasoning',
    methods:
      split(`Reinforcement Learning from Human Feedback | Group Relative Policy Optimization | Chain-of-Thought Prompting |
      Process Reward Models | Test-Time Scaling | Rejection Sampling | Self-Play | Monte Carlo Tree Search`),
    tasks: split(`Mathematical Reasoning | Theorem Proving | Formal Verification | Instruction Following`),
    domains: split(`Mathematics | Education`),
  },
  {
    name: 'code',
    methods: split(`Tool Use | Rejection Sampling | Retrieval Augmentation | Curriculum Learning`),
    tasks: split(`Code Generation | Program Repair | Formal Verification | Data Contamination Detection`),
    domains: split(`Software Engineering | Large-Scale Clusters`),
  },
  {
    name: 'alignment',
    methods: split(`Direct Preference Optimization | Reinforcement Learning from Human Feedback | Activation Steering |
      Sparse Autoencoders | Model Merging`),
    tasks: split(`Hallucination Detection | Fact Verification | Instruction Following | Multi-Turn Dialogue`),
    domains: split(`Open-Domain Conversation | Social Media | Customer Support`),
  },
  {
    name: 'efficiency',
    methods: split(`Speculative Decoding | Flash Attention | Low-Rank Adaptation | Knowledge Distillation |
      Quantization-Aware Training | Linear Attention | KV Cache Compression | Sliding Window Attention | Token Merging |
      Mixture-of-Experts | Multi-Token Prediction | Rotary Embeddings`),
    tasks: split(`Long-Form Writing | Summarization`),
    domains: split(`Mobile Devices | Edge Hardware | Large-Scale Clusters`),
  },
  {
    name: 'image generation',
    methods: split(
      `Diffusion Transformers | Flow Matching | Consistency Distillation | Latent Diffusion | Score Distillation`,
    ),
    tasks: split(`Video Generation | Image Editing | Motion Generation | Music Generation`),
    domains: split(`Social Media`),
  },
  {
    name: '3d vision',
    methods: split(`Neural Radiance Fields | Gaussian Splatting | Masked Autoencoding | Score Distillation`),
    tasks:
      split(`3D Reconstruction | Novel View Synthesis | Depth Estimation | Semantic Segmentation | Object Detection |
      Autonomous Driving`),
    domains: split(`Satellite Imagery | Remote Sensing`),
  },
  {
    name: 'multimodal',
    methods: split(`Visual Instruction Tuning | Contrastive Pretraining | Token Merging | Masked Autoencoding`),
    tasks: split(`Visual Question Answering | Image Captioning | Document Understanding | Audio Captioning`),
    domains: split(`Scientific Literature | Medical Imaging`),
  },
  {
    name: 'agents',
    methods: split(`Tool Use | Monte Carlo Tree Search | Self-Play | Evolutionary Search | Retrieval Augmentation`),
    tasks: split(`Web Navigation | Robot Manipulation | Embodied Navigation | Autonomous Driving`),
    domains: split(`Household Robotics | Customer Support`),
  },
  {
    name: 'speech',
    methods: split(`Byte-Level Modeling | Knowledge Distillation | Contrastive Pretraining | State Space Models`),
    tasks: split(`Speech Recognition | Text-to-Speech | Machine Translation | Audio Captioning | Music Generation`),
    domains: split(`Low-Resource Languages | Mobile Devices`),
  },
  {
    name: 'retrieval',
    methods: split(`Retrieval Augmentation | Contrastive Pretraining | Knowledge Distillation | Byte-Level Modeling`),
    tasks: split(`Information Retrieval | Question Answering | Recommendation | Summarization | Fact Verification`),
    domains: split(`Legal Documents | Financial Markets | Scientific Literature`),
  },
  {
    name: 'science',
    methods: split(`Bayesian Optimization | Evolutionary Search | State Space Models | Flow Matching`),
    tasks: split(
      `Protein Design | Drug Discovery | Weather Forecasting | Time Series Forecasting | Tabular Prediction`,
    ),
    domains: split(`Genomics | Materials Science | Chemistry | Climate Science | Astronomy`),
  },
  {
    name: 'medicine',
    methods: split(`Masked Autoencoding | Contrastive Pretraining | Low-Rank Adaptation | Curriculum Learning`),
    tasks: split(`Semantic Segmentation | Anomaly Detection | Document Understanding | Object Detection`),
    domains: split(`Medical Imaging | Radiology Reports | Surgical Video | Genomics`),
  },
];

/** Sentence shapes of an abstract; {slots} are filled from the vocabulary. */
const SENTENCES = [
  '{Method} has become a standard tool for {task}, yet its {property} remains poorly understood.',
  'Existing {nouns} struggle with {task} in {domain}, where labelled data is scarce and distribution shift is common.',
  'We introduce {name}, a {adj} framework that combines {method} with {method2} to improve {task}.',
  'Unlike prior work, {name} requires no additional supervision and scales to models with {size}B parameters.',
  'At its core is a {adj} module that learns {nouns} from {nouns2}, trained end to end with a simple objective.',
  'We further propose a {adj} training recipe based on {method2}, which reduces the cost of {task} by {pct}%.',
  'Experiments on {count} benchmarks spanning {task} and {task2} show consistent gains over strong baselines.',
  '{name} improves accuracy by {pct} points on average while using {times}x less compute.',
  'Our analysis reveals that {property} emerges only when {nouns} and {nouns2} are trained jointly.',
  'We also release a new benchmark for {task} in {domain} with {count}k human-verified examples.',
  'Ablations confirm that each component contributes, and that {method} alone is insufficient.',
  'These results suggest that {adj} {nouns} are a promising direction for {domain}.',
  'Code, models and data are publicly available.',
  'We study the {property} of {nouns} under {method}, both theoretically and empirically.',
  'Surprisingly, a {adj} variant trained only on synthetic data matches models trained on {count}x more real data.',
];

/**
 * With `topics`, each paper belongs to one of TOPICS (drawn uniformly, as `item.topic`) and
 * each method, task and domain it names comes from its topic's lists with probability
 * `topicShare` (default 0.5), else from the whole vocabulary. Without it the output is the
 * same, byte for byte, as before topics existed: the bench's corpora must not move.
 * @param {{ seed?: number, days: number, perDay?: number, today: string, topics?: boolean, topicShare?: number }} options
 * @returns {{ days: { day: string, items: any[] }[] }}
 */
function generateFeed(options) {
  const r = rng(options.seed ?? 20260101);
  const perDay = options.perDay ?? 100;
  const topical = options.topics === true;
  const topicShare = options.topicShare ?? 0.5;
  /** @type {(typeof TOPICS)[number] | undefined} */
  let topic;
  /**
   * A method, task or domain: from the paper's topic part of the time when there are topics.
   * @param {readonly string[]} list @param {'methods' | 'tasks' | 'domains'} part
   */
  const pickOf = (list, part) => (topic && r.chance(topicShare) ? r.pick(topic[part]) : r.pick(list));
  const method = () => pickOf(METHODS, 'methods');
  const task = () => pickOf(TASKS, 'tasks');
  const domain = () => pickOf(DOMAINS, 'domains');
  const titles = new Set();
  const monthCounters = new Map();
  /** @type {{ day: string, items: object[] }[]} */
  const days = [];
  const today = Date.parse(`${options.today}T00:00:00Z`);

  const coinedName = () => `${r.pick(NAME_HEADS)}${r.pick(NAME_TAILS)}${r.chance(0.15) ? `-${r.between(2, 4)}` : ''}`;
  const lower = (/** @type {string} */ s) => s.toLowerCase();
  const titleOf = () => {
    for (;;) {
      const name = coinedName();
      const shapes = [
        () => `${name}: ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} for ${task()}`,
        () => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} for ${task()} in ${domain()}`,
        () => `Towards ${r.pick(ADJECTIVES)} ${task()} with ${method()}`,
        () => `${r.pick(GERUNDS)} ${r.pick(NOUNS)} via ${method()}`,
        () => `${name}: ${r.pick(GERUNDS)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} with ${method()}`,
        () => `On the ${r.pick(PROPERTIES)} of ${method()} in ${domain()}`,
        () => `${method()} Is All You Need for ${task()}`,
        () => `When Do ${r.pick(NOUNS)} Help ${task()}? Evidence from ${domain()}`,
        () => `${name}: A ${r.pick(ADJECTIVES)} Benchmark for ${task()} and ${task()}`,
        () => `${r.pick(ADJECTIVES)} ${method()} for ${r.pick(ADJECTIVES)} ${task()}`,
      ];
      const title = r.pick(shapes)();
      if (!titles.has(title)) {
        titles.add(title);
        return { title, name };
      }
    }
  };
  const authorName = () => {
    const first = r.pick(FIRST_NAMES);
    const middle = r.chance(0.12) ? ` ${String.fromCharCode(65 + r.int(26))}.` : '';
    return `${first}${middle} ${r.pick(LAST_NAMES)}`;
  };
  const hex = (/** @type {number} */ n) => {
    let s = '';
    while (s.length < n)
      s += Math.floor(r.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, n);
  };
  const abstractOf = (/** @type {string} */ name) => {
    const fill = (/** @type {string} */ s) =>
      s.replace(/\{(\w+)\}/g, (_m, slot) => {
        switch (slot) {
          case 'Method':
            return method();
          case 'method':
          case 'method2':
            return method();
          case 'task':
          case 'task2':
            return lower(task());
          case 'domain':
            return lower(domain());
          case 'property':
            return lower(r.pick(PROPERTIES));
          case 'nouns':
          case 'nouns2':
            return lower(r.pick(NOUNS));
          case 'adj':
            return lower(r.pick(ADJECTIVES));
          case 'name':
            return name;
          case 'size':
            return String(r.pick([1, 3, 7, 8, 13, 14, 32, 70, 72, 405]));
          case 'pct':
            return String(r.between(2, 48));
          case 'times':
            return String(r.between(2, 12));
          case 'count':
            return String(r.between(3, 40));
          default:
            return slot;
        }
      });
    const count = r.between(6, 10);
    const text = Array.from({ length: count }, () => fill(r.pick(SENTENCES))).join(' ');
    // The API sends abstracts with hard line breaks near 80 columns.
    return text.replace(/(.{60,80}?) /g, '$1\n');
  };

  for (let d = 0; d < options.days; d++) {
    const dayMs = today - d * 86_400_000;
    const day = new Date(dayMs).toISOString().slice(0, 10);
    const items = [];
    for (let i = 0; i < perDay; i++) {
      if (topical) topic = TOPICS[r.int(TOPICS.length)];
      const { title, name } = titleOf();
      const published = new Date(dayMs - r.between(0, 3) * 86_400_000);
      const month = published.toISOString().slice(2, 4) + published.toISOString().slice(5, 7);
      const seq = (monthCounters.get(month) ?? r.between(1000, 3000)) + 1;
      monthCounters.set(month, seq);
      const id = `${month}.${String(seq).padStart(5, '0')}`;
      const authors = Array.from({ length: r.between(3, 15) }, () => ({
        _id: hex(24),
        name: authorName(),
        hidden: r.chance(0.02),
        ...(r.chance(0.2)
          ? {
              user: {
                _id: hex(24),
                avatarUrl: `https://cdn-avatars.huggingface.co/v1/production/uploads/${hex(24)}.png`,
                isPro: false,
                fullname: authorName(),
                user: `user${hex(6)}`,
                type: 'user',
              },
            }
          : {}),
      }));
      const keywords = [
        ...new Set(
          Array.from({ length: r.between(5, 10) }, () =>
            lower(
              topic && r.chance(topicShare)
                ? r.pick([...topic.methods, ...topic.tasks])
                : r.pick([...METHODS, ...TASKS, ...NOUNS]),
            ),
          ),
        ),
      ];
      const upvotes = Math.floor(Math.pow(r.next(), 4) * 300);
      const org = r.chance(0.4)
        ? {
            _id: hex(24),
            name: r.pick(ORGS).replace(/\W+/g, '-').toLowerCase(),
            fullname: r.pick(ORGS),
            avatar: `https://cdn-avatars.huggingface.co/${hex(12)}.png`,
          }
        : undefined;
      const summary = abstractOf(name);
      const submitted = `${day}T${String(r.between(0, 23)).padStart(2, '0')}:${String(r.between(0, 59)).padStart(2, '0')}:00.000Z`;
      const paper = {
        id,
        authors,
        publishedAt: published.toISOString(),
        submittedOnDailyAt: submitted,
        title,
        summary,
        upvotes,
        discussionId: hex(24),
        ai_summary: `${name} ${lower(r.pick(GERUNDS))} ${lower(r.pick(NOUNS))} with ${lower(method())}, improving ${lower(task())} in ${lower(domain())}.`,
        ai_keywords: keywords,
        ...(r.chance(0.5)
          ? {
              githubRepo: r.chance(0.5)
                ? `https://github.com/${name.toLowerCase()}-lab/${name}`
                : `${name.toLowerCase()}-lab/${name}`,
            }
          : {}),
        ...(r.chance(0.5) ? { githubStars: r.between(0, 5000) } : {}),
        ...(r.chance(0.3) ? { projectPage: `https://${name.toLowerCase()}.github.io/` } : {}),
        ...(org ? { organization: org } : {}),
        ...(r.chance(0.2)
          ? { mediaUrls: [`https://cdn-uploads.huggingface.co/production/uploads/${hex(24)}/${hex(8)}.mp4`] }
          : {}),
      };
      items.push({
        paper,
        publishedAt: submitted,
        title,
        summary,
        thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
        numComments: r.between(0, 12),
        submittedBy: {
          _id: hex(24),
          avatarUrl: `https://cdn-avatars.huggingface.co/${hex(12)}.png`,
          fullname: authorName(),
          name: `user${hex(6)}`,
          type: 'user',
          isPro: r.chance(0.3),
          isHf: false,
          isMod: false,
          followerCount: r.between(0, 900),
        },
        ...(org ? { organization: org } : {}),
        isAuthorParticipating: r.chance(0.3),
        ...(topic ? { topic: topic.name } : {}),
      });
    }
    days.push({ day, items });
  }
  return { days };
}

/** Typing mistakes a person makes: a letter dropped, doubled, swapped with the next, or mistyped. */
function misspell(/** @type {string} */ word, /** @type {ReturnType<typeof rng>} */ r) {
  const i = 1 + r.int(Math.max(1, word.length - 2));
  switch (r.int(4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + (word[i + 1] ?? '') + word[i] + word.slice(i + 2);
    default:
      return word.slice(0, i) + 'qwertyuiopasdfghjklzxcvbnm'[r.int(26)] + word.slice(i + 1);
  }
}

/**
 * 200 fixed queries over `papers` (the 10k corpus), of the kinds people type: misspelled
 * titles (with the paper they stand for), title openings still being typed, author names
 * (some misspelled), topics (some misspelled), author + topic, and two-to-four-letter
 * prefixes (the first keystrokes).
 * @param {{ id: string, title: string, authors: string[] }[]} papers
 * @returns {{ kind: string, q: string, target?: string }[]}
 */
function makeQueries(papers, seed = 7) {
  const r = rng(seed);
  /** @type {{ kind: string, q: string, target?: string }[]} */
  const out = [];
  const typoWords = (/** @type {string} */ text, /** @type {number} */ n) => {
    const words = text.split(' ');
    const long = words.map((w, i) => [w, i]).filter(([w]) => /^[A-Za-z]{5,}$/.test(String(w)));
    for (let k = 0; k < n && long.length > 0; k++) {
      const [w, i] = long.splice(r.int(long.length), 1)[0];
      words[Number(i)] = misspell(String(w), r);
    }
    return words.join(' ');
  };
  for (let k = 0; k < 50; k++) {
    const p = r.pick(papers);
    const q = typoWords(p.title, r.chance(0.5) ? 1 : 2);
    out.push({ kind: 'misspelled title', q: r.chance(0.3) ? q.toLowerCase() : q, target: p.id });
  }
  for (let k = 0; k < 30; k++) {
    const words = r.pick(papers).title.split(' ');
    const n = r.between(2, 4);
    const head = words.slice(0, n).join(' ');
    const last = words[n] ?? '';
    out.push({
      kind: 'title being typed',
      q: last.length > 3 ? `${head} ${last.slice(0, r.between(2, last.length - 1))}` : head,
    });
  }
  for (let k = 0; k < 30; k++) {
    const name = r.pick(r.pick(papers).authors);
    if (!name) continue;
    const parts = name.split(' ');
    const family = parts[parts.length - 1];
    const q = k % 3 === 0 ? family : k % 3 === 1 ? name : misspell(name, r);
    out.push({ kind: 'author', q });
  }
  const topicWords = [...METHODS, ...TASKS, ...NOUNS, ...DOMAINS].map((s) => s.toLowerCase());
  for (let k = 0; k < 40; k++) {
    const a = r.pick(topicWords).split(' ');
    const q =
      a.slice(0, r.between(1, a.length)).join(' ') + (r.chance(0.4) ? ` ${r.pick(topicWords).split(' ')[0]}` : '');
    out.push({ kind: 'topic', q: k % 4 === 0 ? typoWords(q, 1) : q });
  }
  for (let k = 0; k < 25; k++) {
    const p = r.pick(papers);
    const family = (p.authors[0] ?? 'Wang').split(' ').pop();
    const word = p.title.split(' ').filter((w) => /^[A-Za-z]{5,}$/.test(w));
    out.push({
      kind: 'author + topic',
      q: `${family} ${r.pick(word.length > 0 ? word : ['attention']).toLowerCase()}`,
    });
  }
  while (out.length < 200) {
    const word = r.pick(
      topicWords
        .join(' ')
        .split(/[ -]/)
        .filter((w) => w.length >= 4),
    );
    out.push({ kind: 'first keystrokes', q: word.slice(0, r.between(2, 4)) });
  }
  return out.slice(0, 200);
}

module.exports = { rng, generateFeed, makeQueries, misspell, TOPICS };
