import XCTest
@testable import CXJ

/// The room a split parse's merge copies into is backed ahead of time from one plan that both
/// threads follow (`MergeRoom`): the plan must cover what was asked, within the reservation,
/// in pieces of whole pages; the first plan wins; and backing changes no byte.
final class MergeRoomTests: XCTestCase {
    func testChunksCoverTheRegionInWholePagesOfAtMostTwoMebibytes() {
        let page = 4096
        for (start, bytes) in [(0, 0), (4096, 1), (4097, 4095), (10_000, 5 << 20), (1 << 21, 2 << 20), (123_456, 7)] {
            let chunks = HugePages.populationChunks(start, bytes: bytes)
            if bytes == 0 {
                XCTAssertTrue(chunks.isEmpty)
                continue
            }
            XCTAssertEqual(chunks.first?.lowerBound, start & ~(page - 1), "\(start) \(bytes)")
            XCTAssertEqual(chunks.last?.upperBound, (start + bytes + page - 1) & ~(page - 1), "\(start) \(bytes)")
            for (chunk, next) in zip(chunks, chunks.dropFirst()) { XCTAssertEqual(chunk.upperBound, next.lowerBound) }
            for chunk in chunks {
                XCTAssertEqual(chunk.lowerBound % page, 0)
                XCTAssertEqual(chunk.upperBound % page, 0)
                XCTAssertGreaterThan(chunk.count, 0)
                XCTAssertLessThanOrEqual(chunk.count, 2 << 20)
            }
        }
    }

    func testThePlanIsClampedToTheReservationAndTheFirstPlanWins() {
        var nodes: [SyntaxNode] = []
        var arguments: [SyntaxArgument] = []
        nodes.reserveCapacity(300_000)
        arguments.reserveCapacity(500_000)
        for index in 0..<1_000 {
            nodes.append(SyntaxNode(keyword: .step, keywordStart: Int32(index), end: Int32(index + 1), firstArgument: Int32(index)))
            arguments.append(SyntaxArgument(kind: .identifier, start: Int32(index), end: Int32(index + 1), symbol: Int32(index)))
        }
        let nodeBase = nodes.withUnsafeMutableBufferPointer { Int(bitPattern: $0.baseAddress) }
        let argumentBase = arguments.withUnsafeMutableBufferPointer { Int(bitPattern: $0.baseAddress) }
        let room = MergeRoom(nodes: nodeBase, nodeCapacity: nodes.capacity, arguments: argumentBase,
                             argumentCapacity: arguments.capacity)
        // Far past the capacity: only the reservation is planned.
        room.plan(arguments: 1_000..<10_000_000, nodes: 1_000..<10_000_000)
        // A second plan (the other thread's) is dropped.
        room.plan(arguments: 0..<1, nodes: 0..<1)
        let argumentStride = MemoryLayout<SyntaxArgument>.stride
        let nodeStride = MemoryLayout<SyntaxNode>.stride
        let expected = HugePages.populationChunks(argumentBase + 1_000 * argumentStride, bytes: (arguments.capacity - 1_000) * argumentStride).count
            + HugePages.populationChunks(nodeBase + 1_000 * nodeStride, bytes: (nodes.capacity - 1_000) * nodeStride).count
        var backed = 0
        while room.populateNext() { backed += 1 }
        XCTAssertEqual(backed, expected)
        XCTAssertGreaterThan(backed, 2)
        XCTAssertFalse(room.populateNext(), "nothing is left")
        // Backing the room changed nothing the arrays hold.
        for (index, node) in nodes.enumerated() { XCTAssertEqual(node.keywordStart, Int32(index)) }
        for (index, argument) in arguments.enumerated() { XCTAssertEqual(argument.symbol, Int32(index)) }
    }

    func testWithoutAPlanNothingIsBacked() {
        let room = MergeRoom(nodes: 0, nodeCapacity: 0, arguments: 0, argumentCapacity: 0)
        XCTAssertFalse(room.populateNext())
        room.plan(arguments: 0..<100, nodes: 0..<100)
        XCTAssertFalse(room.populateNext(), "arrays without storage have no room")
    }

    func testTwoThreadsShareOnePlan() {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 << 20)
        let base = bytes.withUnsafeMutableBufferPointer { Int(bitPattern: $0.baseAddress) }
        let room = MergeRoom(nodes: 0, nodeCapacity: 0, arguments: base,
                             argumentCapacity: bytes.capacity / MemoryLayout<SyntaxArgument>.stride)
        room.plan(arguments: 0..<bytes.capacity / MemoryLayout<SyntaxArgument>.stride, nodes: 0..<0)
        let total = HugePages.populationChunks(base, bytes: bytes.capacity / MemoryLayout<SyntaxArgument>.stride
            * MemoryLayout<SyntaxArgument>.stride).count
        let helper = BackgroundThread { () -> Int in
            var count = 0
            while room.populateNext() { count += 1 }
            return count
        }
        var mine = 0
        while room.populateNext() { mine += 1 }
        XCTAssertEqual(mine + helper.join(), total, "each piece is backed once")
        withExtendedLifetime(bytes) {}
    }
}
