import XCTest
@testable import CXJ

/// The report sections that speak for the customer, and the one document every writer prints.
final class ReportTests: XCTestCase {
    static let journey = """
    persona diner "Hungry office worker"
    team floor "Floor staff"
    team kitchen "Kitchen"
    channel table "At the table" { kind physical }

    journey lunch "Lunch at the canteen" {
      persona diner
      owner floor
      stage eat "Eats" {
        phase respond
        customer {
          step wait "Waits for the food" {
            channel table
            emotion -3
            thinks "Did they forget me?"
            needs "A time I can trust"
            pain "No one says how long"
          }
          step pay "Pays at the till" { channel table; emotion -1; critical }
          step leave "Leaves" { emotion 1; critical }
        }
        organization {
          action serve "Brings the food" { owner floor; channel table; automation manual }
          action plate "Plates the special" { owner kitchen; layer backstage }
        }
        touchpoint wait <-> serve { via table; claimed 4; perceived 2 }
        touchpoint pay <-> plate { claimed 3; perceived 3 }
        kpi wait_time "Minutes to the table" { actual 14min; target <= 10min }
        kpi smiles "Smiles at the till" { actual 80%; target >= 60% }
      }
      opportunity menu "Reprint the menu" { addresses pay; impact low; effort low }
      opportunity pager "Buzz a pager when food is ready" { addresses wait; impact high; effort medium }
      opportunity board "Show waiting times on a board" { addresses wait; impact high; effort low }
      opportunity vague "Something about lunch" { addresses leave }
    }
    """

    private func report(_ format: OutputFormat) -> String {
        let result = TestSupport.check(ReportTests.journey)
        return String(decoding: format.emit(result.files, diagnostics: []), as: UTF8.self)
    }

    private func section(_ title: String, of text: String) -> String {
        guard let start = text.range(of: "## " + title + "\n") else { return "" }
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    func testOpportunitiesAreRankedByImpactThenEffort() {
        let rows = section("Opportunities", of: report(.report)).split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") && !$0.hasPrefix("| ---") }
        let ids = rows.map { row in row.split(separator: "`")[1] }
        XCTAssertEqual(ids, ["board", "pager", "menu", "vague"], "high/low, high/medium, low/low, unknown last")
        XCTAssertTrue(rows[0].hasPrefix("| 1 |"))
    }

    func testMomentsOfTruthSayHowEachCriticalStepIsAnswered() {
        let moments = section("Moments of truth", of: report(.report))
        XCTAssertTrue(moments.contains("- **Pays at the till** `pay` in Eats, emotion -1, delivery gap 0\n  - answered by Plates the special `plate` — Kitchen"), moments)
        XCTAssertTrue(moments.contains("- **Leaves** `leave` in Eats, emotion +1\n  - **nothing answers it** ⚠️"), moments)
        XCTAssertFalse(moments.contains("`wait`"), "not critical")
    }

    func testTheCustomersVoiceQuotesTheLowPoints() {
        let voice = section("The customer's voice", of: report(.report))
        XCTAssertTrue(voice.contains("""
        - **Waits for the food** `wait` in Eats (emotion -3)
          - thinks: “Did they forget me?”
          - needs: “A time I can trust”
          - pain: “No one says how long”
        """), voice)
        XCTAssertTrue(voice.contains("`pay` in Eats (emotion -1, critical)\n  - no `thinks`, `needs` or `pain` recorded"), voice)
    }

    func testKPITableGivesStatus() {
        let kpis = section("KPIs", of: report(.report))
        XCTAssertTrue(kpis.contains("| Minutes to the table `wait_time` | Eats | 14min | &lt;= 10min | **missed** ⚠️ |"), kpis)
        XCTAssertTrue(kpis.contains("| Smiles at the till `smiles` | Eats | 80% | &gt;= 60% | met ✅ |"), kpis)
    }

    func testHandoffsAreAList() {
        let ownership = section("Ownership and handoffs", of: report(.report))
        XCTAssertTrue(ownership.contains("Handoffs between consecutive touchpoints (**1**):\n\n- in `eat`: Floor staff `floor` → Kitchen `kitchen`"), ownership)
    }

    func testMarkdownEmbedsAMermaidJourney() {
        let glance = section("Journey at a glance", of: report(.report))
        XCTAssertTrue(glance.hasPrefix("\n```mermaid\njourney\n  title Lunch at the canteen\n"), glance)
    }

    /// The text and Markdown writers print the same document: every section, in the same
    /// order, except the diagram a terminal cannot draw.
    func testTextAndMarkdownShareTheDocument() {
        let markdown = report(.report).split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        let lines = report(.text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let text = lines.indices.dropLast().filter { lines[$0 + 1].hasPrefix("───") }.map { lines[$0] }
        XCTAssertEqual(markdown.filter { $0 != "Journey at a glance" }, text)
        XCTAssertTrue(markdown.contains("Moments of truth") && markdown.contains("KPIs"))
        XCTAssertTrue(report(.text).contains("thinks: “Did they forget me?”"))
    }
}
