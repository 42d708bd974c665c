declare module 'natural/lib/natural/stemmers/*.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  interface ApparatusBayes {
    classFeatures: Record<string, Record<string, number>>;
    classTotals: Record<string, number>;
    totalExamples: number;
    smoothing: number;
    addExample(observation: Record<string, string>, label: string): void;
  }
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    classifier: ApparatusBayes;
    static restore(data: unknown, stemmer?: unknown): BayesClassifier;
  }
  export default BayesClassifier;
}
