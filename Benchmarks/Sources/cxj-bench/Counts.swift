import Foundation
import CXJ

/// Reports how large the syntax tree of a file is, to keep memory use in view.
func reportTreeSize(_ bytes: [UInt8]) {
    let tree = Parser.parse(SourceFile(path: "x", bytes: bytes), fileIndex: 0)
    let nodeBytes = tree.nodes.count * MemoryLayout<SyntaxNode>.stride
    let argumentBytes = tree.arguments.count * MemoryLayout<SyntaxArgument>.stride
    print("nodes: \(tree.nodes.count) × \(MemoryLayout<SyntaxNode>.stride) B = \(nodeBytes / 1_000_000) MB (capacity \(tree.nodes.capacity))")
    print("arguments: \(tree.arguments.count) × \(MemoryLayout<SyntaxArgument>.stride) B = \(argumentBytes / 1_000_000) MB (capacity \(tree.arguments.capacity))")
    print("symbols: \(tree.interner.count), comments: \(tree.comments.count)")
}

/// Reports the sizes of the model's element structs.
func reportModelSizes() {
    print("Step \(MemoryLayout<Step>.stride) B, Action \(MemoryLayout<Action>.stride) B, Touchpoint \(MemoryLayout<Touchpoint>.stride) B, Stage \(MemoryLayout<Stage>.stride) B, KPI \(MemoryLayout<KPI>.stride) B, TextItem \(MemoryLayout<TextItem>.stride) B, SourceLocation \(MemoryLayout<SourceLocation>.stride) B")
}

/// The process's peak resident memory so far, in megabytes.
func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
