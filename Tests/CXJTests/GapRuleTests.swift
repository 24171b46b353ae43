import XCTest
@testable import CXJ

/// Every rule's documented failing example produces the rule, and its fixed example does not;
/// plus the finer points of severities, `allow` scopes and configuration.
final class GapRuleTests: XCTestCase {
    func testDocumentedExamples() {
        for rule in GapRules.all {
            let docs = rule.documentation
            let failing = TestSupport.check(docs.failing)
            XCTAssertFalse(failing.diagnostics.contains { $0.severity == .error && !$0.code.isRule },
                           "\(rule.code.id) failing example has errors: \(TestSupport.codes(failing))")
            XCTAssertTrue(failing.diagnostics.contains { $0.code == rule.code },
                          "\(rule.code.id) failing example does not produce it: \(TestSupport.codes(failing))")
            let fixed = TestSupport.check(docs.fixed)
            XCTAssertFalse(fixed.diagnostics.contains { $0.code == rule.code || ($0.severity == .error && !$0.code.isRule) },
                           "\(rule.code.id) fixed example still fails: \(TestSupport.codes(fixed))")
        }
    }

    func testEveryRuleIsRegisteredOnce() {
        XCTAssertEqual(GapRules.all.map { $0.code }, Code.allCases.filter { $0.isRule })
    }

    private let base = """
    team care "Care"
    journey j "J" {
      allow no-repeat-loop
      stage s "S" {
        customer {
          step a "A" { critical }
          step b "B"
        }
        organization {
          action x "X" { owner care }
        }
        touchpoint b <-> x
      }
    }
    """

    func testUnansweredCriticalStepIsAnError() {
        let result = TestSupport.check(base)
        XCTAssertEqual(result.diagnostics.map { "\($0.code.id) \($0.severity.name)" }, ["CXJ201 error"])
        var rules = RuleConfiguration()
        rules.set(.unansweredStep, to: .warning)
        XCTAssertEqual(TestSupport.check(base, rules: rules).diagnostics.map { $0.severity }, [.warning])
        rules.set(.unansweredStep, to: .off)
        XCTAssertEqual(TestSupport.codes(TestSupport.check(base, rules: rules)), [])
    }

    func testAllowSilencesTheElementAndEverythingInside() {
        let atStep = base.replacingOccurrences(of: "step a \"A\" { critical }", with: "step a \"A\" { critical; allow unanswered-step \"phone only\" }")
        XCTAssertEqual(TestSupport.codes(TestSupport.check(atStep)), [])
        let atJourney = base.replacingOccurrences(of: "allow no-repeat-loop", with: "allow no-repeat-loop, CXJ201")
        XCTAssertEqual(TestSupport.codes(TestSupport.check(atJourney)), [])
        let atSibling = base.replacingOccurrences(of: "step b \"B\"", with: "step b \"B\" { allow unanswered-step }")
        XCTAssertEqual(TestSupport.codes(TestSupport.check(atSibling)), ["CXJ201", "CXJ215"])
    }

    func testUnusedAllowPointsAtTheAllowKeyword() {
        let text = base.replacingOccurrences(of: "step b \"B\"", with: "step b \"B\" { allow delivery-gap \"old\" }")
        let result = TestSupport.check(text)
        let unused = result.diagnostics.first { $0.code == .unusedAllow }
        XCTAssertEqual(unused?.severity, .note)
        XCTAssertEqual(unused.map { result.sources[0].text($0.location.start..<$0.location.end) }, "allow")
        let silenced = text.replacingOccurrences(of: "allow no-repeat-loop", with: "allow no-repeat-loop, unused-allow")
        XCTAssertFalse(TestSupport.check(silenced).diagnostics.contains { $0.code == .unusedAllow })
    }

    func testDeliveryGapThresholdToleratesDecimals() {
        func gap(_ claimed: String, _ perceived: String) -> [String] {
            let text = base.replacingOccurrences(of: "touchpoint b <-> x", with: "touchpoint a, b <-> x { claimed \(claimed); perceived \(perceived) }")
            return TestSupport.codes(TestSupport.check(text))
        }
        XCTAssertEqual(gap("4.3", "3.3"), ["CXJ204"])
        XCTAssertEqual(gap("4.3", "3.4"), [])
        XCTAssertEqual(gap("3", "4"), [])
    }

    func testFunnelUsesTheNearestEarlierStageWithAReach() {
        let text = """
        journey f "Funnel" {
          allow no-repeat-loop
          stage one "One" { reach 1000 }
          stage two "Two" { }
          stage three "Three" { reach 850; target-conversion 90% }
        }
        """
        let result = TestSupport.check(text)
        XCTAssertEqual(result.diagnostics.map { $0.message }, ["stage `three` converts 85% of stage `one`, below its target of 90%"])
    }

    func testPhaseOrderAndStrategy() {
        let text = """
        team care "Care"
        journey p "Phases" {
          strategy automatic-execution
          allow no-repeat-loop
          stage late "Late" { phase respond }
          stage early "Early" {
            phase recognize
            customer { step s "S" }
            organization { action a "A" { owner care; automation assisted } }
            touchpoint s <-> a
          }
        }
        """
        XCTAssertEqual(TestSupport.codes(TestSupport.check(text)), ["CXJ210", "CXJ214"])
        let automated = text.replacingOccurrences(of: "automation assisted", with: "automation ai")
        XCTAssertEqual(TestSupport.codes(TestSupport.check(automated)), ["CXJ214"])
    }

    func testCatalogueOnlyFilesAreExemptFromUnusedDeclaration() {
        XCTAssertEqual(TestSupport.codes(TestSupport.check("team care \"Care\"\nchannel web \"Web\"\n")), [])
    }
}
