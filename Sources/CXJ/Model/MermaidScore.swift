/// Emotions (−3 … +3) and Mermaid scores (1 … 5): `score = emotion + 3`, clamped to 1 … 5, so
/// a neutral step is Mermaid's neutral face (3), every emotion from −2 to +2 keeps its own
/// score, and the two extremes share the end scores. The inverse is `emotion = score − 3`.
/// Where that would not give the emotion back (−3, +3, or no emotion), the task is preceded
/// by a comment that Mermaid ignores and `cxj import mermaid` reads: `%% cxj: emotion -3`.
public enum MermaidScore {
    public static func score(for emotion: Int?) -> Int {
        guard let emotion else { return 3 }
        return min(max(emotion + 3, 1), 5)
    }

    /// The emotion a score stands for: rounded to a whole number, then clamped to −2 … +2.
    public static func emotion(for score: Double) -> Int {
        Int(min(max((score - 3).rounded(), -2), 2))
    }

    /// The comment that keeps an emotion the score cannot carry, or nil.
    public static func marker(for emotion: Int?) -> String? {
        guard let value = emotion else { return "cxj: no emotion" }
        return MermaidScore.emotion(for: Double(score(for: value))) == value ? nil : "cxj: emotion \(value)"
    }
}
